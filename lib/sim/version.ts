// Bumped whenever a change to the engine can change a trace for the same (scenario, params, seed):
// caches key on it, and golden traces must be regenerated with it. tests/sim/trace-hashes.test.ts
// holds it to that: its hash file records the version it was written with, and new hashes under the
// same version fail.
export const ENGINE_VERSION = "1.12.0";
