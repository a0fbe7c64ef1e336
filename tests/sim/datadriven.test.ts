// Golden traces (STYLE G25): every testdata/*.txt script is run and its rendered output compared
// with the file. Commands:
//   cluster etcd members=3 seed=1 [prevote=false] [checkquorum=false] [writes=N]
//   cluster k8s [controlPlanes=1 workers=2 etcd=stacked|external members=1] seed=1
//   run <ms>                    advance virtual time; prints the trace events of that interval
//   stop|start|crash <target>   faults (targets may be selectors such as @etcd-leader)
//   partition a,b c             hosts in different space-separated groups cannot talk; heal
//   power-off|power-on <host>   a whole machine
//   kubectl <command> k=v...    e.g. kubectl apply name=web replicas=2, kubectl get resource=pods
//   messages on|off             also print every Raft message delivered
//   raft-state                  role, term, commit and last log entry of every etcd member
//   scenario <id> k=v... seed=N a whole scenario: its events (with messages) and claims
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import { eventLine } from "@/lib/sim/trace/format";
import type { Action } from "@/lib/sim/core/types";
import { lastIndex, lastTerm } from "@/lib/sim/raft/log";
import type { RaftMsg } from "@/lib/sim/raft/types";
import { headerOf, parseDirectives, render, type Directive } from "./datadriven";
import { etcdCluster, k8sCluster, type Harness } from "./harness";

const DIR = path.join(import.meta.dirname, "testdata");

function raftLine(t: number, from: string, to: string, m: RaftMsg): string {
  const base = `t=${t} ${from}->${to} ${m.type} term=${m.term}`;
  switch (m.type) {
    case "MsgApp":
      return `${base} log=${m.logTerm}/${m.index} commit=${m.commit} entries=${m.entries.length}`;
    case "MsgAppResp":
      return m.reject
        ? `${base} reject index=${m.index} hint=${m.logTerm}/${m.rejectHint}`
        : `${base} index=${m.index}`;
    case "MsgVote":
    case "MsgPreVote":
      return `${base} log=${m.logTerm}/${m.index}`;
    case "MsgVoteResp":
    case "MsgPreVoteResp":
      return m.reject ? `${base} rejected` : `${base} granted`;
    case "MsgHeartbeat":
      return `${base} commit=${m.commit}${m.context === "" ? "" : " read"}`;
    default:
      return base;
  }
}

type Session = { h: Harness | null; messages: boolean; printed: number; log: string[] };

function newEvents(s: Session): string {
  const h = s.h!;
  const lines = [...s.log, ...h.sim.trace.slice(s.printed).map((e) => eventLine(e))];
  s.printed = h.sim.trace.length;
  s.log = [];
  return lines.join("\n");
}

function build(d: Directive, s: Session): string {
  const seed = Number(d.args.seed ?? 1);
  const n = (k: string, def: number) => Number(d.args[k] ?? def);
  if (d.positional[0] === "etcd") {
    s.h = etcdCluster(
      {
        members: n("members", 3),
        preVote: d.args.prevote !== "false",
        checkQuorum: d.args.checkquorum !== "false",
        writesPerSec: n("writes", 0),
      },
      seed,
    );
  } else {
    const members = n("members", 1);
    s.h = k8sCluster(
      {
        controlPlanes: n("controlPlanes", 1),
        workers: n("workers", 2),
        etcdMembers: members,
        etcdTopology: d.args.etcd === "external" ? "external" : "stacked",
      },
      seed,
    );
  }
  s.printed = 0;
  const trace = s.h.sim.trace;
  s.h.listeners.push((w, ev) => {
    if (!s.messages) return;
    // The delivery first, then the trace events it caused.
    if (ev.kind === "deliver" && ev.body.p === "raft") s.log.push(raftLine(w.now, ev.from, ev.to, ev.body));
    s.log.push(...trace.slice(s.printed).map((e) => eventLine(e)));
    s.printed = trace.length;
  });
  return "ok";
}

function act(s: Session, action: Action): string {
  s.h!.act(action);
  return newEvents(s);
}

function runFor(s: Session, ms: number): string {
  s.h!.runFor(ms);
  return newEvents(s);
}

function raftState(s: Session): string {
  const h = s.h!;
  return Object.keys(h.world.procs)
    .filter((id) => h.world.procs[id]!.kind === "etcd")
    .sort()
    .map((id) => {
      if (!h.world.procs[id]!.up) return `${id} down`;
      const st = h.etcd(id);
      const r = st.raft;
      return (
        `${id} ${r.role} term=${r.term} lead=${r.lead} commit=${r.commit} ` +
        `applied=${st.applied} last=${lastTerm(r.log)}/${lastIndex(r.log)}`
      );
    })
    .join("\n");
}

function scenario(d: Directive): string {
  const { seed = "1", ...params } = d.args;
  const trace = runScenario(d.positional[0] ?? "", params, Number(seed));
  const lines = trace.events.map((e) => eventLine(e, true));
  lines.push(
    ...trace.claims.map(
      (c) =>
        `claim ${c.id} ${c.passed ? "PASS" : "FAIL"} ` +
        `evidence=[${c.evidence.join(",")}]\n    ${c.text}\n    ${c.detail}`,
    ),
  );
  return lines.join("\n");
}

function execute(d: Directive, s: Session): string {
  switch (d.cmd) {
    case "cluster":
      return build(d, s);
    case "run":
      return runFor(s, Number(d.positional[0]));
    case "stop":
    case "start":
    case "crash":
      return act(s, { type: d.cmd, target: d.positional[0] ?? "" });
    case "power-off":
    case "power-on":
      return act(s, { type: d.cmd, host: d.positional[0] ?? "" });
    case "partition":
      return act(s, { type: "partition", groups: d.positional.map((g) => g.split(",")) });
    case "heal":
      return act(s, { type: "heal" });
    case "kubectl":
      return act(s, { type: "command", target: "kubectl", command: { name: d.positional[0] ?? "", args: d.args } });
    case "messages":
      s.messages = d.positional[0] === "on";
      return "ok";
    case "raft-state":
      return raftState(s);
    case "scenario":
      return scenario(d);
    default:
      throw new Error(`unknown command: ${d.line}`);
  }
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("golden traces", () => {
  it("has scripts for every scenario", () => {
    for (const id of [
      "etcd-quorum-loss",
      "etcd-outage",
      "control-plane-ha",
      "node-failure",
      "kubectl-create-deployment",
      "deployment-vs-statefulset",
      "rolling-update",
      "scheduling",
      "kube-proxy-modes",
      "node-drain",
      "etcd-backup-restore",
      "kubeadm-upgrade",
    ])
      expect(files).toContain(`scenario-${id}.txt`);
  });

  it.each(files)("%s", async (file) => {
    const full = path.join(DIR, file);
    const text = readFileSync(full, "utf8");
    const session: Session = { h: null, messages: false, printed: 0, log: [] };
    const results = parseDirectives(text).map((directive) => ({ directive, output: execute(directive, session) }));
    await expect(render(headerOf(text), results)).toMatchFileSnapshot(full);
  });
});
