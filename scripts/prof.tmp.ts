import { runScenario } from "@/lib/sim";
const id = process.argv[2]!;
for (let i = 0; i < 5; i++) runScenario(id, {}, 100 + i);
const t0 = performance.now();
let steps = 0;
for (let s = 1; s <= 40; s++) steps = runScenario(id, {}, s).stats.steps;
console.log(id, ((performance.now() - t0) / 40).toFixed(1), "ms/run", steps, "steps");
