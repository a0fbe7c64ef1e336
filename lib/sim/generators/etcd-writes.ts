// "n members, k down: does kubectl scale succeed?" The outcome is read from a run of etcd-quorum-loss.
import { majority } from "../raft/quorum";
import { responses } from "../scenarios/claims";
import { pick, question, replayOf, rngFor, sec } from "./draw";
import type { GeneratedQuestion } from "./types";

const OUTCOMES = {
  ok: "It succeeds: the Deployment is scaled (HTTP 200).",
  timeout: 'It fails after about 7 s: "etcdserver: request timed out".',
  hang:
    "It hangs: its first request, a GET of the Deployment, is a quorum read " +
    "that fails with 504 after the API server's 60 s request timeout.",
  refused: "It fails at once: the connection to the API server is refused.",
};

/** Pure: same seed, same question. */
export function etcdWrites(seed: number): GeneratedQuestion {
  const rng = rngFor("etcd-writes", seed);
  const members = pick(rng, [1, 3, 3, 4, 5, 5, 6, 7]);
  const down = rng.range(1, members);
  const params = { members, down };
  const trace = replayOf("etcd-quorum-loss", params, seed);
  // kubectl scale GETs the Deployment, then PATCHes it: the last answer is the PATCH's, or the GET's when it failed.
  const scale = responses(trace.events, "kubectl scale", 30_000).at(-1);
  const status = Number(scale?.status ?? 0);
  const error = String(scale?.error ?? "");
  const kind =
    status === 200
      ? "ok"
      : error.includes("request timed out")
        ? "timeout"
        : status === 504
          ? "hang"
          : status === 0 && error.includes("refused")
            ? "refused"
            : null;
  const right = kind === null ? `It fails: ${error || "no response"}.` : OUTCOMES[kind];
  const up = members - down;
  const need = majority(members);
  const latencyMs = Number(scale?.latencyMs);
  const after = latencyMs < 1000 ? `${latencyMs} ms` : sec(latencyMs);
  const outcome =
    scale === undefined
      ? "kubectl got no answer within the run"
      : `kubectl scale got HTTP ${status} after ${after}${error === "" || error === "null" ? "" : `: ${error}`}`;
  return question(
    {
      kind: "etcd-writes",
      seed,
      prompt:
        `An external etcd cluster has **${members}** member${members === 1 ? "" : "s"}. At t = ` +
        `20 s, **${down}** of them ${down === 1 ? "is" : "are"} stopped (the leader first). At t ` +
        `= 30 s you run \`kubectl scale deployment web --replicas=3\`. What happens?`,
      explanation:
        `${up} of ${members} members are left and a write needs a majority of ${need}, so ` +
        (up >= need
          ? "etcd still has a leader and commits"
          : "no leader can be elected: nothing commits, and even the " +
            "read kubectl sends before its write needs a leader") +
        `. In the simulation ${outcome}.`,
      hint: "A write needs a majority of the members, counting the ones that are down.",
      replay: { scenario: "etcd-quorum-loss", params, seed, at: scale?.t ?? 30_000 },
    },
    right,
    Object.values(OUTCOMES),
    rng,
  );
}
