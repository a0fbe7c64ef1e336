// A full worker pool answers 429 with Retry-After through the real route handler (GET /api/sim),
// and a cached trace is still answered from the cache, without the pool.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/sim/[scenario]/route";

// The app's shared pool reads these when it is first used (below): one thread, one queued job.
process.env.QUORUM_POOL_THREADS = "1";
process.env.QUORUM_POOL_QUEUE = "1";

function call(seed: number) {
  return GET(new Request(`http://localhost/api/sim/etcd-quorum-loss?seed=${seed}`), {
    params: Promise.resolve({ scenario: "etcd-quorum-loss" }),
  });
}

describe("GET /api/sim/[scenario] when the pool is full", () => {
  it("answers 429 with Retry-After and a message, while the jobs it took complete", async () => {
    const responses = await Promise.all([101, 102, 103, 104].map(call));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    const busy = responses.filter((response) => response.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(2); // 4 requests, one thread and one queue place
    for (const response of busy) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await response.json()).toEqual({
        error: expect.stringMatching(/^The server is busy with other heavy work; try again in \d+ s\.$/),
      });
    }
    // A refusal is not cached: the same request succeeds once the pool has room.
    const seedRefused = [101, 102, 103, 104][statuses.indexOf(429)]!;
    expect((await call(seedRefused)).status).toBe(200);
  });
});
