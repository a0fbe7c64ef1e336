// npm run test:e2e – the end-to-end suite, twice, so that it cannot depend on the hour or the zone:
//   1. TZ=UTC, with the app's clock (lib/clock.ts) reading 03:30 UTC today: a learner's day starts
//      at 04:00, so "today" is still yesterday's study day, the hour that once broke progress.spec;
//   2. TZ=Pacific/Kiritimati (UTC+14, the farthest zone from UTC), on the real clock.
// The server and the tests read the same offset, so a due date a test writes means the same to both.
// Arguments are passed to Playwright (e.g. a spec file). E2E_PASS=1 or 2 runs one pass.
import { spawnSync } from "node:child_process";

const earlyHourUtc = { hour: 3, minute: 30 };

function offsetToEarlyHourToday(): number {
  const now = new Date();
  const target = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
    earlyHourUtc.hour,
    earlyHourUtc.minute,
  );
  return target - now.getTime();
}

const passes = [
  { name: "TZ=UTC, clock at 03:30 UTC", env: { TZ: "UTC", QUORUM_CLOCK_OFFSET_MS: String(offsetToEarlyHourToday()) } },
  { name: "TZ=Pacific/Kiritimati, real clock", env: { TZ: "Pacific/Kiritimati", QUORUM_CLOCK_OFFSET_MS: "" } },
];

const chosen = process.env.E2E_PASS ? [passes[Number(process.env.E2E_PASS) - 1]!] : passes;
for (const pass of chosen) {
  console.log(`\n=== end-to-end: ${pass.name} ===`);
  const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ...pass.env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
