// Reading a fault list from text (a URL's `faults=` value, the CLI's --faults): JSON, then the schema.
// Every problem is reported with the position of the fault it is about, like checkFaults' errors.
import type { FaultCheck, FaultError } from "./check";
import { faultListSchema, type Fault } from "./schema";

export type FaultsParse = { ok: true; faults: Fault[] } | Extract<FaultCheck, { ok: false }>;

/** `index` -1: the list as a whole (not JSON, not a list, too many faults). */
export function parseFaultsJson(text: string): FaultsParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ index: -1, message: "the faults are not valid JSON" }] };
  }
  const parsed = faultListSchema.safeParse(json);
  if (parsed.success) return { ok: true, faults: parsed.data };
  const errors: FaultError[] = parsed.error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    const where = rest.length === 0 ? "" : `${rest.join(".")}: `;
    return typeof index === "number"
      ? { index, message: `${where}${issue.message}` }
      : { index: -1, message: issue.message };
  });
  return { ok: false, errors };
}

/** The text of a fault list for a URL or a command line: its JSON, so parseFaultsJson gives it back. */
export function faultsJson(faults: readonly Fault[]): string {
  return JSON.stringify(faults);
}

/** One line per error: "fault 2: there is no etcd-4 …"; for the CLI and the app's field message. */
export function describeFaultErrors(errors: readonly FaultError[]): string {
  return errors.map((e) => (e.index < 0 ? e.message : `fault ${e.index + 1}: ${e.message}`)).join("; ");
}
