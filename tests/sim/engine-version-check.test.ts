import { describe, expect, it } from "vitest";
import { hashFileHeader, isNewerVersion, versionProblem } from "./engine-version-check";

const file = (version: string, hashes: string) => `${hashFileHeader(version)}\n${hashes}`;

describe("engine version tied to the trace hashes", () => {
  it("accepts unchanged hashes under the recorded version", () => {
    expect(versionProblem(file("1.6.2", "a 1\n"), file("1.6.2", "a 1\n"), "1.6.2")).toBeNull();
  });

  it("refuses changed hashes under the recorded version: regenerating alone is not enough", () => {
    expect(versionProblem(file("1.6.2", "a 1\n"), file("1.6.2", "a 2\n"), "1.6.2")).toMatch(
      /bump it in lib\/sim\/version.ts/,
    );
  });

  it("accepts changed hashes under a newer version", () => {
    expect(versionProblem(file("1.6.2", "a 1\n"), file("1.6.3", "a 2\n"), "1.6.3")).toBeNull();
  });

  it("refuses a version older than the recorded one, as after a bad merge", () => {
    expect(versionProblem(file("1.6.2", "a 1\n"), file("1.6.1", "a 2\n"), "1.6.1")).toMatch(/not newer than 1.6.2/);
  });

  it("refuses a hash file without its version line", () => {
    expect(versionProblem("a 1\n", file("1.6.2", "a 1\n"), "1.6.2")).toMatch(/no "# engine <version>:" first line/);
  });

  it("orders versions numerically, part by part", () => {
    expect([
      isNewerVersion("1.10.0", "1.9.3"),
      isNewerVersion("1.6.2", "1.6.2"),
      isNewerVersion("1.6", "1.6.1"),
      isNewerVersion("2.0.0", "1.99.99"),
    ]).toEqual([true, false, false, true]);
  });
});
