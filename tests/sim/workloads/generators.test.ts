// The question generators: deterministic per seed, varied across seeds, well-formed, and their
// answers agree with what their replay shows (checked on the replay's trace directly).
import { describe, expect, it } from "vitest";
import {
  findScenario,
  generate,
  GENERATOR_KINDS,
  parseParams,
  runScenario,
  type GeneratedQuestion,
  type TraceEvent,
} from "@/lib/sim";

const SEEDS = [1, 2, 3, 4, 5, 6];

function label(q: GeneratedQuestion): string {
  return q.choices.find((c) => c.id === q.answer)!.label;
}

function firstOf(events: readonly TraceEvent[], f: (e: TraceEvent) => boolean): TraceEvent | undefined {
  return events.find(f);
}

/** What the replay shows, rendered independently of the generator's own extraction. */
function agrees(q: GeneratedQuestion, events: readonly TraceEvent[]): boolean {
  const right = label(q);
  switch (q.kind) {
    case "etcd-writes": {
      const scale = firstOf(
        events,
        (e) => e.type === "api.response" && String(e.command).startsWith("kubectl scale") && e.t >= 30_000,
      );
      if (scale?.status === 200) return right.startsWith("It succeeds");
      if (String(scale?.error).includes("request timed out")) return right.includes("request timed out");
      return scale?.status === 504 ? right.includes("60 s") : right.startsWith("It fails");
    }
    case "pod-placement": {
      const d = firstOf(
        events,
        (e) =>
          (e.type === "pod.scheduled" || e.type === "pod.unschedulable") &&
          e.t >= 20_000 &&
          (e.pod === "web" || e.pod === "big"),
      );
      return d?.type === "pod.scheduled"
        ? right === `It goes to ${String(d.node)}.`
        : right.startsWith("It stays Pending");
    }
    case "pod-names": {
      const created = new Set(
        events
          .filter((e) => e.type === "pod.created" || e.type === "statefulset.pod-created")
          .map((e) => String(e.pod)),
      );
      const named = right
        .split(/[:,·]/)
        .map((x) => x.trim())
        .filter((x) => /^(db|web)-/.test(x));
      const db = named.filter((n) => n.startsWith("db-"));
      return named.length > 0 && named.every((n) => created.has(n)) && db.every((n, i) => n === `db-${i}`);
    }
    case "replacement-time": {
      const off = firstOf(events, (e) => e.type === "host.powered-off");
      const lost = events.filter((e) => e.type === "pod.running" && e.t < 30_000 && e.node === off?.component).length;
      const back = events.filter((e) => e.type === "pod.running" && e.t >= 30_000 && e.node !== off?.component)[
        lost - 1
      ];
      if (back === undefined || off === undefined) return right.startsWith("Never");
      const m = /about (?:(\d+) min)? ?(?:(\d+) s)?/.exec(right);
      const claimed = (Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0)) * 1000;
      return Math.abs(claimed - (back.t - off.t)) <= 2500;
    }
    case "leader-partition": {
      const cut = firstOf(events, (e) => e.type === "network.partitioned");
      const elected = firstOf(events, (e) => e.type === "raft.became-leader" && e.t >= cut!.t);
      if (elected === undefined) return right.startsWith("Not until");
      return elected.t - cut!.t <= 3000 ? right.startsWith("About 1–3 s") : !right.startsWith("About 1–3 s");
    }
    case "node-returns": {
      const evicted = firstOf(events, (e) => e.type === "pod.evicted");
      const back = firstOf(events, (e) => e.type === "host.powered-on");
      return evicted !== undefined && evicted.t < back!.t ? right.startsWith("Yes: its pods") : right.startsWith("No");
    }
    case "apiserver-behind-lb": {
      const stop = firstOf(events, (e) => e.type === "process.crashed" && e.component === "kube-apiserver-1");
      const down = firstOf(events, (e) => e.type === "lb.backend-down" && e.backend === "kube-apiserver-1");
      if (down === undefined) return right.startsWith("Never");
      const seconds = (down.t - stop!.t) / 1000;
      const under = /^Under (\d+) s/.exec(right);
      const between = /^Between (\d+) and (\d+) s/.exec(right);
      const over = /^More than (\d+) s/.exec(right);
      if (under) return seconds < Number(under[1]);
      if (between) return seconds >= Number(between[1]) && seconds < Number(between[2]);
      return over !== null && seconds >= Number(over[1]);
    }
  }
}

describe.each(GENERATOR_KINDS)("generator %s", (kind) => {
  it("is deterministic, well-formed and varied across seeds", () => {
    const prompts = new Set<string>();
    for (const seed of SEEDS) {
      const q = generate(kind, seed);
      expect(generate(kind, seed)).toEqual(q);
      expect(q.kind).toBe(kind);
      expect(q.seed).toBe(seed);
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(q.choices.length).toBeLessThanOrEqual(6);
      expect(new Set(q.choices.map((c) => c.id)).size).toBe(q.choices.length);
      expect(new Set(q.choices.map((c) => c.label)).size).toBe(q.choices.length);
      expect(q.choices.map((c) => c.id)).toContain(q.answer);
      expect(q.explanation.length).toBeGreaterThan(40);
      expect(q.hint).not.toContain(label(q));
      const def = findScenario(q.replay.scenario);
      expect(def, q.replay.scenario).toBeDefined();
      expect(parseParams(def!, q.replay.params).ok).toBe(true);
      prompts.add(q.prompt);
    }
    expect(prompts.size).toBeGreaterThanOrEqual(4);
  });

  it("gives the answer its replay shows", () => {
    for (const seed of SEEDS) {
      const q = generate(kind, seed);
      const trace = runScenario(q.replay.scenario, q.replay.params, q.replay.seed, { faults: q.replay.faults });
      expect(agrees(q, trace.events), `${kind} seed=${seed}: answer "${label(q)}" disagrees with the replay`).toBe(
        true,
      );
    }
  });

  it("opens its replay at an event of the run after the setup, where the answer is decided", () => {
    for (const seed of SEEDS) {
      const q = generate(kind, seed);
      const trace = runScenario(q.replay.scenario, q.replay.params, q.replay.seed, { faults: q.replay.faults });
      expect(q.replay.at, `${kind} seed=${seed}`).toBeGreaterThanOrEqual(20_000);
      expect(
        trace.events.some((e) => e.t === q.replay.at),
        `${kind} seed=${seed}: no event at ${q.replay.at}`,
      ).toBe(true);
    }
  });
});

describe("generate", () => {
  it("rejects negative or fractional seeds", () => {
    expect(() => generate("etcd-writes", -1)).toThrow(/seed/);
    expect(() => generate("etcd-writes", 1.5)).toThrow(/seed/);
  });
});
