import { z } from "zod";

/** A limit from 0 to `max`, or null for a field left empty, which means `emptyMeans`; messages name the field. */
export function wholeNumberOrNull(what: string, max: number, emptyMeans: string) {
  return z
    .number({ error: `${what}: a whole number, or empty for ${emptyMeans}` })
    .int(`${what}: a whole number`)
    .min(0, `${what}: at least 0`)
    .max(max, `${what}: at most ${max}`)
    .nullable();
}
