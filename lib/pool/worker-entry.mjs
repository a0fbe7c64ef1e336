// The pool's worker thread starts here. A plain ES module, so Node loads it as it is under
// `next start`, vitest and the CLI alike (no bundler touches it); it registers tsx (a runtime
// dependency, as `npm start` itself runs on it) and loads the TypeScript tasks from source.
import { tsImport } from "tsx/esm/api";

const tasks = await tsImport("./heavy-tasks.ts", import.meta.url);
const runHeavyTask = tasks.default.default ?? tasks.default;

/** Tells the pool the job has started (its time budget starts now), then runs it. */
export default function runJob({ task, started }) {
  started.postMessage("started");
  started.close();
  return runHeavyTask(task);
}
