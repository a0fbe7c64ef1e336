import { unzipSync } from "fflate";
import { decompressZstdCapped } from "./zstd-capped";

// An .apkg or .colpkg is a zip holding one SQLite collection (and media we do not import). Which
// file holds it follows Anki's own reader (rslib/src/import_export/package/meta.rs, `from_archive`
// and `collection_filename`): the zstd-compressed collection.anki21b in current packages (which
// also carry a stub collection.anki2 asking to update Anki), else the schema-11 collection.anki21,
// else collection.anki2. Sizes are checked from the zip's directory before anything is inflated,
// and the zstd output is counted as it comes, so a small file cannot expand into a huge one.

/** An uncompressed collection past this is refused: 10,000 cards with a long history fit in a few MB. */
export const collectionBytesMax = 64 * 1024 * 1024;

const collectionFileNames = ["collection.anki21b", "collection.anki21", "collection.anki2"] as const;
export type CollectionFileName = (typeof collectionFileNames)[number];

export type PackageCollection =
  { ok: true; fileName: CollectionFileName; sqlite: Uint8Array } | { ok: false; message: string };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Takes the collection's SQLite bytes out of a package. Pure: bytes in, bytes out. */
export function readAnkiPackage(bytes: Uint8Array): PackageCollection {
  const entries = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries.set(file.name, file.originalSize);
        return (
          (collectionFileNames as readonly string[]).includes(file.name) && file.originalSize <= collectionBytesMax
        );
      },
    });
  } catch {
    return { ok: false, message: "The file is not an Anki package: it is not a zip archive." };
  }
  const fileName = collectionFileNames.find((name) => entries.has(name));
  if (!fileName) {
    return {
      ok: false,
      message: `The package holds no Anki collection (none of ${collectionFileNames.join(", ")}).`,
    };
  }
  const stored = files[fileName];
  if (!stored) {
    return {
      ok: false,
      message:
        `The package's ${fileName} is ${megabytes(entries.get(fileName) ?? 0)} uncompressed; ` +
        `the limit is ${megabytes(collectionBytesMax)}.`,
    };
  }
  if (fileName !== "collection.anki21b") return { ok: true, fileName, sqlite: stored };
  const decompressed = decompressZstdCapped(stored, collectionBytesMax, `The package's ${fileName}`);
  return decompressed.ok ? { ok: true, fileName, sqlite: decompressed.bytes } : decompressed;
}
