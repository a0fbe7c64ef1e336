// The rule that ties ENGINE_VERSION to the trace hashes: the hash file's first line records the
// version it was written with, and a different set of hashes may only be written under a newer
// version. The check runs on the file as committed, before `vitest -u` rewrites it, so regenerating
// the hashes without bumping lib/sim/version.ts fails instead of passing silently.

/** The first line of the hash file: the engine version its hashes were made with. */
export function hashFileHeader(version: string): string {
  return `# engine ${version}: bump ENGINE_VERSION in lib/sim/version.ts before regenerating these hashes`;
}

function parseVersion(text: string): number[] {
  return text.split(".").map(Number);
}

/** Whether dotted version `a` is newer than `b` ("1.10.0" is newer than "1.9.3"). Pure. */
export function isNewerVersion(a: string, b: string): boolean {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/**
 * Why the committed hash file `recorded` may not be replaced by `current` (header and hashes) under
 * `version`, or null when it may: the hashes are unchanged, or the version is newer than the one the
 * file records. Pure.
 */
export function versionProblem(recorded: string, current: string, version: string): string | null {
  const recordedVersion = /^# engine (\S+):/.exec(recorded)?.[1];
  if (recordedVersion === undefined)
    return `the hash file has no "# engine <version>:" first line; write it with ${version}`;
  const body = (text: string) => text.slice(text.indexOf("\n") + 1);
  if (recordedVersion === version)
    return body(recorded) === body(current)
      ? null
      : `traces changed but ENGINE_VERSION is still ${version}, as the hash file ` +
          "records: bump it in lib/sim/version.ts, then regenerate the hashes";
  return isNewerVersion(version, recordedVersion)
    ? null
    : `ENGINE_VERSION ${version} is not newer than ${recordedVersion}, which the hash file records`;
}
