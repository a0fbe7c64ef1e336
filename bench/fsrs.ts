// npm run bench -- fsrs: fitting FSRS weights to 10,000 reviews with the optimizer
// (@open-spaced-repetition/binding) the way the settings page's Optimize runs it: a job in the
// heavy pool's worker thread (lib/pool), off the request loop, then judged against the defaults.
// The history is generated from known weights (tests/helpers/synthetic-review-history.ts).
// Target: < 10 s a job on this machine; the time also prints as a ratio to the calibration.
import { formatRevlogCsv } from "@/lib/export/format-revlog-csv";
import { createHeavyPool } from "@/lib/pool/heavy-pool";
import { syntheticCardIds, syntheticReviewHistory } from "@/tests/helpers/synthetic-review-history";
import { calibrate } from "./support/calibrate";
import { report, timeMs } from "./support/stats";

const reviewCount = 10_000;
const runs = 5;
const targetMs = 10_000;

const history = syntheticReviewHistory({ cardIds: syntheticCardIds(reviewCount), seed: 10 });
const input = { csv: formatRevlogCsv(history), timeZone: "UTC", dayStartHour: 4, relearningStepsInDay: 1 };
const pool = createHeavyPool({ threads: 1, queueMax: 1, budgetMs: 60_000, memoryMb: 512 });
try {
  // The first job starts the thread and loads the binding; a learner's first Optimize pays it too.
  const firstMs = await timeMs(() => pool.run({ kind: "fsrs-optimize", input }));
  const samples: number[] = [];
  let last = await pool.run({ kind: "fsrs-optimize", input });
  for (let run = 0; run < runs; run++) {
    samples.push(await timeMs(async () => (last = await pool.run({ kind: "fsrs-optimize", input }))));
  }
  const calibration = calibrate();
  console.log(
    `${history.length} reviews → ${last.itemCount} training items; first job (thread start) ${firstMs.toFixed(0)} ms`,
  );
  const isMet = report(`optimize ${history.length} reviews in the pool`, samples, targetMs);
  const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  console.log(`  ${(median / calibration).toFixed(1)}× cal (calibration ${calibration.toFixed(1)} ms)`);
  const personal = last.personal!.evaluation;
  const percent = (rmseBins: number) => `${(rmseBins * 100).toFixed(2)}%`;
  console.log(
    `  log loss ${last.defaults.logLoss.toFixed(4)} → ${personal.logLoss.toFixed(4)}, ` +
      `RMSE (bins) ${percent(last.defaults.rmseBins)} → ${percent(personal.rmseBins)}`,
  );
  if (!isMet) process.exitCode = 1;
} finally {
  await pool.close();
}
