// Bumped whenever a change to the engine can change a trace for the same (scenario, params, seed):
// caches key on it, and golden traces must be regenerated with it.
export const ENGINE_VERSION = "1.6.2";
