import { z } from "zod";

// Runs in the browser before the app hydrates (Next's instrumentation-client convention), so before
// any client module builds a zod schema. zod 4 probes `new Function("")` when it builds an object
// schema, to compile a faster parser; under our CSP (no 'unsafe-eval') the probe fails quietly but
// the browser still reports a securitypolicyviolation on every page. jitless skips the probe.
z.config({ jitless: true });
