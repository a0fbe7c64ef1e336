// Assertions for preconditions and impossible transitions (STYLE G22). A failed assertion is a bug
// in the simulation, never an expected outcome, so it throws instead of returning a value.

/** Thrown when the simulation reaches a state its model says is impossible. */
export class SimAssertionError extends Error {
  override name = "SimAssertionError";
}

/** Throws a SimAssertionError with `message` unless `condition` holds. Pure. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SimAssertionError(message);
}

/** Marks a branch the type system proves unreachable (exhaustive switches over unions). */
export function unreachable(value: never, what: string): never {
  throw new SimAssertionError(`unreachable ${what}: ${JSON.stringify(value)}`);
}

/**
 * Throws a SimAssertionError. Hot paths write `if (!cond) fail(\`...\`)` rather than assert(), so the
 * message is only formatted when the check fails.
 */
export function fail(message: string): never {
  throw new SimAssertionError(message);
}
