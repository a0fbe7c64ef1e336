import { Decompress } from "fzstd";

// Zstandard decompression that stops at a size cap. Anki compresses collection.anki21b with the
// zstd crate's streaming encoder (rslib/src/import_export/package/meta.rs `copy`), which writes no
// content size, so the size is only known by decompressing: the stream decoder counts the bytes
// as they come out and gives up past the cap. fzstd allocates a frame's whole window up front, so
// the window the header declares is checked first.

const zstdMagic = 0xfd2fb528;

export type Decompressed = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** The window size a zstd frame header declares (RFC 8878 3.1.1.1), or null if it is not a zstd frame. */
export function zstdWindowBytes(frame: Uint8Array): number | null {
  if (frame.length < 6) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint32(0, true) !== zstdMagic) return null;
  const descriptor = frame[4]!;
  const isSingleSegment = (descriptor >> 5) & 1;
  if (!isSingleSegment) {
    const windowDescriptor = frame[5]!;
    const base = 2 ** (10 + (windowDescriptor >> 3));
    return base + (base / 8) * (windowDescriptor & 7);
  }
  // A single segment's window is its content size, stored in 1, 2, 4 or 8 bytes after the dictionary id.
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const sizeFlag = descriptor >> 6;
  const at = 5 + dictionaryBytes;
  if (sizeFlag === 0) return frame[at] ?? null;
  if (sizeFlag === 1) return at + 2 <= frame.length ? view.getUint16(at, true) + 256 : null;
  if (sizeFlag === 2) return at + 4 <= frame.length ? view.getUint32(at, true) : null;
  return at + 8 <= frame.length ? Number(view.getBigUint64(at, true)) : null;
}

/** Decompresses `compressed`, refusing a frame whose window or output goes past `bytesMax`. */
export function decompressZstdCapped(compressed: Uint8Array, bytesMax: number, what: string): Decompressed {
  const window = zstdWindowBytes(compressed);
  if (window === null) return { ok: false, message: `${what} is not Zstandard-compressed as Anki writes it.` };
  const tooBig = {
    ok: false as const,
    message: `${what} is over ${(bytesMax / (1024 * 1024)).toFixed(1)} MB uncompressed.`,
  };
  if (window > bytesMax) return tooBig;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const decoder = new Decompress((chunk) => {
    total += chunk.length;
    if (total > bytesMax) throw new RangeError("over the cap");
    chunks.push(chunk);
  });
  try {
    decoder.push(compressed, true);
  } catch (error) {
    if (total > bytesMax) return tooBig;
    return { ok: false, message: `${what} could not be decompressed (${(error as Error).message}).` };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}
