/**
 * Freezes a value and everything reachable from it, so that code which writes into it throws
 * (tests run as ES modules, in strict mode). Parts already frozen are shared, not walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
