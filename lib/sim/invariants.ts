// Global safety properties, checked after every step in tests (STYLE G22, after TigerBeetle's VOPR
// checkers): Raft election safety, leader completeness, log matching and state-machine safety for
// etcd; a pod never moves between nodes, no two StatefulSet pods share an ordinal, and no pod runs
// twice (by uid or by name) across the nodes' runtimes; at most one active leader per Lease.
// The checker keeps "ghost" history across steps, so it can see what no single world shows.
import { SimAssertionError } from "./core/assert";
import type { World } from "./core/types";
import type { EtcdConfig, EtcdPersisted, EtcdState } from "./etcd/member-types";
import { DEFAULT_CLUSTER_TOKEN } from "./etcd/cluster-id";
import { rangePrefix } from "./etcd/mvcc";
import { entryAt, lastIndex, type Log } from "./raft/log";
import { NONE } from "./raft/types";
import type { Pod } from "./objects/core";
import type { ContainerdState } from "./cluster-components/containerd";

class InvariantViolation extends SimAssertionError {
  override name = "InvariantViolation";
}

type Member = {
  id: string;
  cluster: string;
  up: boolean;
  role: string | null;
  term: number;
  commit: number;
  applied: number;
  log: Log;
  digest: number;
  rev: number;
};

function fail(world: World, message: string): never {
  throw new InvariantViolation(`t=${world.now}ms: ${message}`);
}

function members(world: World): Member[] {
  const out: Member[] = [];
  for (const id of Object.keys(world.procs).sort()) {
    const p = world.procs[id]!;
    if (p.kind !== "etcd") continue;
    const cluster = (p.config as EtcdConfig).cluster ?? DEFAULT_CLUSTER_TOKEN;
    if (p.up) {
      const s = p.state as EtcdState;
      out.push({
        id,
        cluster,
        up: true,
        role: s.raft.role,
        term: s.raft.term,
        commit: s.raft.commit,
        applied: s.applied,
        log: s.raft.log,
        digest: s.store.digest,
        rev: s.store.rev,
      });
    } else if (p.persisted !== undefined) {
      const d = p.persisted as EtcdPersisted;
      out.push({
        id,
        cluster,
        up: false,
        role: null,
        term: d.term,
        commit: d.commit,
        applied: d.applied,
        log: d.log,
        digest: d.store.digest,
        rev: d.store.rev,
      });
    }
  }
  return out;
}

function entryKey(log: Log, i: number): string {
  const e = entryAt(log, i);
  if (e === undefined) return "missing";
  const id = typeof e.data === "object" && e.data !== null && "id" in e.data ? String(e.data.id) : "empty";
  return `${e.term}:${id}`;
}

export type InvariantChecker = { check(world: World): void; steps: number };

/** What the checker remembers of one etcd cluster's Raft history across steps. */
type RaftGhost = {
  leaderOfTerm: Map<number, string>;
  /** committed[i] = "term:id" of the entry committed at index i. */
  committed: string[];
  commitTerm: number[];
  verified: Map<string, number>;
  digestAt: Map<number, number>;
};

/** A checker with its own ghost history; call check(world) after every step of one run. */
export function createInvariantChecker(): InvariantChecker {
  // Raft's properties hold within one cluster: a snapshot restore starts a new one (a new cluster ID,
  // its history from term 1), so the ghost history is kept per cluster.
  const ghosts = new Map<string, RaftGhost>();
  const ghostOf = (cluster: string): RaftGhost => {
    let g = ghosts.get(cluster);
    if (g === undefined)
      ghosts.set(
        cluster,
        (g = { leaderOfTerm: new Map(), committed: [""], commitTerm: [], verified: new Map(), digestAt: new Map() }),
      );
    return g;
  };
  const podNode = new Map<string, string>();
  const checkedDigests = new Set<number>();
  const checker: InvariantChecker = {
    steps: 0,
    check(world) {
      checker.steps++;
      const ms = members(world);
      for (const m of ms) {
        const { leaderOfTerm, committed, commitTerm, verified, digestAt } = ghostOf(m.cluster);
        if (m.applied > m.commit || m.commit > lastIndex(m.log))
          fail(world, `${m.id}: applied ${m.applied} <= commit ${m.commit} <= last ${lastIndex(m.log)} does not hold`);
        if (m.role === "leader") {
          const prev = leaderOfTerm.get(m.term);
          if (prev !== undefined && prev !== m.id) fail(world, `two leaders in term ${m.term}: ${prev} and ${m.id}`);
          leaderOfTerm.set(m.term, m.id);
          // Leader Completeness: a leader of a later term than a commit holds the committed entry.
          const max = committed.length - 1;
          if (max > 0 && m.term > (commitTerm[max] ?? Infinity) && entryKey(m.log, max) !== committed[max])
            fail(world, `leader ${m.id} of term ${m.term} lacks committed entry ${max}`);
        }
        // Committed entries never change: extend the ghost record or compare with it.
        const from = m.commit < (verified.get(m.id) ?? 0) ? 1 : (verified.get(m.id) ?? 0) + 1;
        for (let i = from; i <= m.commit; i++) {
          const k = entryKey(m.log, i);
          if (committed[i] === undefined) committed[i] = k;
          else if (committed[i] !== k)
            fail(world, `${m.id}: committed entry ${i} is ${k}, but ${committed[i]} was committed`);
          // An upper bound on the term in which entry i was committed: the term of whoever first knew.
          commitTerm[i] = Math.min(commitTerm[i] ?? Infinity, m.term);
        }
        verified.set(m.id, m.commit);
        if (m.commit > 0 && entryKey(m.log, m.commit) !== committed[m.commit])
          fail(world, `${m.id}: entry ${m.commit} changed after commit`);
        const d = digestAt.get(m.applied);
        if (d === undefined) digestAt.set(m.applied, m.digest);
        else if (d !== m.digest) fail(world, `${m.id}: state machine diverged at applied index ${m.applied}`);
      }
      checkMemberQueues(world);
      checkLogMatching(world, ms);
      checkPods(world, ms, podNode, checkedDigests);
      checkRuntimes(world);
      checkLeases(world);
    },
  };
  return checker;
}

/**
 * What etcd's member code relies on to skip scans (member-raft.ts): a member that knows a leader
 * holds no proposal back, and no linearizable read waits once its read index is confirmed and applied.
 */
function checkMemberQueues(world: World): void {
  for (const id of Object.keys(world.procs)) {
    const p = world.procs[id]!;
    if (p.kind !== "etcd" || !p.up) continue;
    const s = p.state as EtcdState;
    if (s.raft.lead !== NONE)
      for (const pid in s.proposals)
        if (s.proposals[pid]!.blocked) fail(world, `${id} knows leader ${s.raft.lead} but holds proposal ${pid}`);
    for (const rid in s.reads) {
      const index = s.reads[rid]!.index;
      if (index !== null && index <= s.applied)
        fail(world, `${id}: read ${rid} at index ${index} waits though ${s.applied} is applied`);
    }
  }
}

/** Log Matching: where two logs of one cluster hold an entry with the same index and term, the entries are equal. */
function checkLogMatching(world: World, ms: readonly Member[]): void {
  for (let a = 0; a < ms.length; a++) {
    for (let b = a + 1; b < ms.length; b++) {
      const x = ms[a]!;
      const y = ms[b]!;
      if (x.cluster !== y.cluster) continue;
      const top = Math.min(lastIndex(x.log), lastIndex(y.log));
      for (let i = top; i > Math.max(0, top - 8); i--) {
        const ex = entryAt(x.log, i)!;
        const ey = entryAt(y.log, i)!;
        if (ex.term !== ey.term) continue;
        if (entryKey(x.log, i) !== entryKey(y.log, i))
          fail(world, `${x.id} and ${y.id} hold different entries at ${i} in term ${ex.term}`);
        if (i > 1 && entryKey(x.log, i - 1) !== entryKey(y.log, i - 1))
          fail(world, `${x.id} and ${y.id} agree at ${i} but not at ${i - 1}`);
        break;
      }
    }
  }
}

/** A pod is bound to at most one node, ever (binding is a one-way write of spec.nodeName). */
function checkPods(world: World, ms: readonly Member[], podNode: Map<string, string>, seen: Set<number>): void {
  const source = ms.filter((m) => m.up).sort((a, b) => b.rev - a.rev)[0];
  if (source === undefined || seen.has(source.digest)) return; // this store state was already checked
  seen.add(source.digest);
  const proc = world.procs[source.id]!;
  const store = (proc.state as EtcdState).store;
  const ordinals = new Set<string>();
  for (const kv of rangePrefix(store, "/registry/pods/")) {
    const pod = kv.value as Pod;
    const sts = pod.metadata.ownerReferences.find((o) => o.kind === "StatefulSet");
    const ordinal = pod.metadata.labels["apps.kubernetes.io/pod-index"];
    if (sts !== undefined && ordinal !== undefined) {
      const key = `${sts.uid}/${ordinal}`;
      if (ordinals.has(key)) fail(world, `two pods of StatefulSet ${sts.name} have ordinal ${ordinal}`);
      ordinals.add(key);
    }
    if (pod.spec.nodeName === null) continue;
    const prev = podNode.get(pod.metadata.uid);
    if (prev !== undefined && prev !== pod.spec.nodeName)
      fail(world, `pod ${pod.metadata.name} moved from ${prev} to ${pod.spec.nodeName}`);
    podNode.set(pod.metadata.uid, pod.spec.nodeName);
  }
}

/** A pod runs on at most one node: no uid, and no namespace/name, in two runtimes at once. */
function checkRuntimes(world: World): void {
  const uids = new Map<string, string>();
  const names = new Map<string, string>();
  for (const id of Object.keys(world.procs)) {
    const p = world.procs[id]!;
    if (p.kind !== "containerd" || !p.up) continue;
    for (const pod of Object.values((p.state as ContainerdState).pods)) {
      const name = `${pod.namespace}/${pod.name}`;
      const a = uids.get(pod.uid) ?? names.get(name);
      if (a !== undefined && a !== id) fail(world, `pod ${name} runs on both ${a} and ${id}`);
      uids.set(pod.uid, id);
      names.set(name, id);
    }
  }
}

/** At most one process of a kind believes it holds its leader-election Lease at any moment. */
function checkLeases(world: World): void {
  for (const kind of ["kube-controller-manager", "kube-scheduler"]) {
    const leaders = Object.keys(world.procs).filter((id) => {
      const p = world.procs[id]!;
      return p.kind === kind && p.up && (p.state as { elector?: { leader: boolean } }).elector?.leader === true;
    });
    if (leaders.length > 1) fail(world, `${leaders.join(" and ")} both lead ${kind}`);
  }
}
