// The zstd reader bounds what a package can expand to: the declared window is checked before
// fzstd allocates it, and the output is counted as it streams (RFC 8878 3.1.1).
import { describe, expect, it } from "vitest";
import { decompressZstdCapped, zstdWindowBytes } from "@/lib/import/apkg/zstd-capped";
import { zstdRawFrame } from "@/tests/helpers/anki-package";

const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => index % 251);

describe("decompressZstdCapped", () => {
  it("round-trips a frame of several raw blocks", () => {
    const data = bytes(300_000);
    expect(decompressZstdCapped(zstdRawFrame(data), 1_000_000, "It")).toEqual({ ok: true, bytes: data });
  });

  it("stops at the cap while streaming, when the header declares no size", () => {
    const outcome = decompressZstdCapped(zstdRawFrame(bytes(300_000)), 200_000, "The package's collection.anki21b");
    expect(outcome).toEqual({ ok: false, message: "The package's collection.anki21b is over 0.2 MB uncompressed." });
  });

  it("refuses a frame whose declared window is over the cap before allocating it", () => {
    const hugeWindow = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 31 << 3, 0x01, 0x00, 0x00]);
    expect(zstdWindowBytes(hugeWindow)).toBe(2 ** 41);
    expect(decompressZstdCapped(hugeWindow, 64 * 1024 * 1024, "It")).toMatchObject({ ok: false });
  });

  it("says so when the bytes are not zstd", () => {
    expect(decompressZstdCapped(new TextEncoder().encode("SQLite format 3"), 1_000, "It")).toEqual({
      ok: false,
      message: "It is not Zstandard-compressed as Anki writes it.",
    });
  });
});
