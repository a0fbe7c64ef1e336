// Quorum arithmetic and the Raft log, against etcd's FAQ table (k8s-facts §1.1) and the worked
// examples in etcd-io/raft's comments (findConflictByTerm in stepLeader / handleAppendEntries).
import { describe, expect, it } from "vitest";
import {
  chunkedAppend,
  chunkedAt,
  chunkedCopy,
  chunkedDropBefore,
  chunkedEmpty,
  chunkedPush,
  chunkedSlice,
  chunkedTruncate,
} from "@/lib/sim/core/chunked";
import {
  appendLog,
  emptyLog,
  findConflict,
  findConflictByTerm,
  isUpToDate,
  lastIndex,
  lastTerm,
  maybeAppend,
  termAt,
  type Log,
} from "@/lib/sim/raft/log";
import { committedIndex, faultTolerance, hasQuorum, majority, voteResult } from "@/lib/sim/raft/quorum";
import type { Entry } from "@/lib/sim/raft/types";

function log(...terms: number[]): Log {
  return appendLog(
    emptyLog(),
    terms.map((term, i) => ({ index: i + 1, term, data: { id: `e${i + 1}` } })),
  );
}

function entries(from: number, ...terms: number[]): Entry[] {
  return terms.map((term, i) => ({ index: from + i, term, data: { id: `n${from + i}` } }));
}

describe("quorum", () => {
  it("matches etcd's failure-tolerance table for 1 to 7 members", () => {
    const table = [1, 2, 3, 4, 5, 6, 7].map((n) => [n, majority(n), faultTolerance(n)]);
    expect(table).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 2, 1],
      [4, 3, 1],
      [5, 3, 2],
      [6, 4, 2],
      [7, 4, 3],
    ]);
  });

  it("says whether the members still up form a majority", () => {
    expect(hasQuorum(3, 2)).toBe(true);
    expect(hasQuorum(3, 1)).toBe(false);
    expect(hasQuorum(4, 2)).toBe(false);
    expect(hasQuorum(5, 3)).toBe(true);
  });

  it("rejects impossible cluster sizes", () => {
    expect(() => majority(0)).toThrow(RangeError);
  });

  it("commits the highest index replicated on a majority", () => {
    expect(committedIndex([5, 3, 4])).toBe(4);
    expect(committedIndex([5, 3, 4, 1, 1])).toBe(3);
    expect(committedIndex([9])).toBe(9);
    expect(committedIndex([7, 7, 2, 2])).toBe(2);
  });

  it("tallies votes: won at a majority of grants, lost once a majority is impossible", () => {
    const voters = [1, 2, 3, 4, 5];
    expect(voteResult(voters, { 1: true, 2: true })).toBe("pending");
    expect(voteResult(voters, { 1: true, 2: true, 3: true })).toBe("won");
    expect(voteResult(voters, { 1: true, 2: false, 3: false })).toBe("pending");
    expect(voteResult(voters, { 1: true, 2: false, 3: false, 4: false })).toBe("lost");
  });
});

describe("raft log", () => {
  it("reports last index and term, and term 0 at index 0", () => {
    const l = log(1, 1, 2);
    expect([lastIndex(l), lastTerm(l), termAt(l, 0), termAt(l, 4)]).toEqual([3, 2, 0, undefined]);
  });

  it("compares candidates by last term, then by length (Raft §5.4.1)", () => {
    const l = log(1, 2, 2);
    expect(isUpToDate(l, 3, 2)).toBe(true);
    expect(isUpToDate(l, 2, 2)).toBe(false);
    expect(isUpToDate(l, 1, 3)).toBe(true);
    expect(isUpToDate(l, 9, 1)).toBe(false);
  });

  it("finds the first conflicting entry", () => {
    const l = log(1, 1, 2);
    expect(findConflict(l, entries(2, 1, 2))).toBe(0);
    expect(findConflict(l, entries(2, 1, 3))).toBe(3);
    expect(findConflict(l, entries(3, 2, 2))).toBe(4);
  });

  it("skips a divergent tail by term (etcd-io/raft's findConflictByTerm example)", () => {
    // Leader 1 3 3 3 5 5 5 5 5, follower 1 1 1 1 2 2: a probe at (9,5) is rejected with hint
    // (6,2); the leader then knows indexes 2..6 cannot match and probes at 1.
    const leader = log(1, 3, 3, 3, 5, 5, 5, 5, 5);
    expect(findConflictByTerm(leader, 6, 2)).toEqual({ index: 1, term: 1 });
    // Follower 1 3 3 4 4 5 5 5 6 probed at (8,3): the largest index with term <= 3 is 3.
    const follower = log(1, 3, 3, 4, 4, 5, 5, 5, 6);
    expect(findConflictByTerm(follower, 8, 3)).toEqual({ index: 3, term: 3 });
  });

  it("appends after a matching prefix and overwrites a conflicting uncommitted tail", () => {
    const l = log(1, 1, 2, 2);
    const res = maybeAppend(l, 2, 2, 1, entries(3, 3, 3, 3));
    expect(res?.lastNew).toBe(5);
    expect([1, 2, 3, 4, 5].map((i) => termAt(res!.log, i))).toEqual([1, 1, 3, 3, 3]);
    expect([1, 2, 3, 4].map((i) => termAt(l, i))).toEqual([1, 1, 2, 2]); // the old log is untouched
  });

  it("refuses entries whose predecessor does not match", () => {
    expect(maybeAppend(log(1, 1), 0, 2, 2, entries(3, 2))).toBeNull();
  });

  it("never overwrites a committed entry", () => {
    expect(() => maybeAppend(log(1, 1, 1), 3, 1, 1, entries(2, 2))).toThrow(/conflicts with committed entry/);
  });
});

describe("chunked list", () => {
  it("appends, reads, slices, truncates and drops a prefix without touching earlier versions", () => {
    let l = chunkedEmpty<number>(1);
    const versions = [];
    for (let i = 1; i <= 40_000; i++) {
      l = chunkedAppend(l, [i * 10]);
      if (i % 997 === 0 || i <= 100) versions.push(l);
    }
    // Every element is where it belongs, across several trie levels.
    for (let i = 1; i <= 40_000; i++)
      if (chunkedAt(l, i) !== i * 10) throw new Error(`element ${i} is ${chunkedAt(l, i)}`);
    expect([chunkedAt(l, 0), chunkedAt(l, 40_001)]).toEqual([undefined, undefined]);
    for (const v of versions) expect([chunkedAt(v, v.len), chunkedAt(v, v.len + 1)]).toEqual([v.len * 10, undefined]);
    expect(chunkedSlice(l, 63, 67)).toEqual([630, 640, 650, 660]);
    const t = chunkedTruncate(l, 70);
    expect([t.len, chunkedAt(t, 70), chunkedAt(t, 71)]).toEqual([70, 700, undefined]);
    expect(chunkedAt(l, 71)).toBe(710);
    const d = chunkedDropBefore(l, 130);
    expect([d.base, chunkedAt(d, 129), chunkedAt(d, 130), chunkedAt(d, 40_000)]).toEqual([
      130,
      undefined,
      1300,
      400_000,
    ]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it("appends batches of any size (across tail and trie-level boundaries) like an array", () => {
    let l = chunkedEmpty<number>(0);
    const plain: number[] = [];
    const before: { list: typeof l; len: number }[] = [];
    for (let batch = 0, n = 0; n < 5000; batch++) {
      const size = (batch * 7) % 75; // 0..74: empty, partial-tail and multi-tail batches
      const items = Array.from({ length: size }, (_, k) => n + k);
      before.push({ list: l, len: plain.length });
      l = chunkedAppend(l, items);
      plain.push(...items);
      n += size;
    }
    expect(l.len).toBe(plain.length);
    expect(chunkedSlice(l, 0, l.len)).toEqual(plain);
    // earlier versions intact
    for (const b of before) expect(chunkedSlice(b.list, 0, b.list.len)).toEqual(plain.slice(0, b.len));
  });

  it("appends in place like chunkedAppend, and a copy is independent of later appends on either side", () => {
    const pushed = chunkedEmpty<number>(5);
    let appended = chunkedEmpty<number>(5);
    const copies: { list: typeof pushed; len: number }[] = [];
    for (let batch = 0, n = 0; n < 5000; batch++) {
      const items = Array.from({ length: (batch * 7) % 75 }, (_, k) => n + k);
      chunkedPush(pushed, items);
      appended = chunkedAppend(appended, items);
      n += items.length;
      if (batch % 5 === 0) copies.push({ list: chunkedCopy(pushed), len: pushed.len });
    }
    expect(JSON.stringify(pushed)).toBe(JSON.stringify(appended)); // the very same structure
    for (const c of copies) {
      const own = chunkedSlice(c.list, 5, 5 + c.len);
      chunkedPush(c.list, [-1, -2]); // a copy grows on its own...
      expect(chunkedSlice(c.list, 5, 5 + c.len + 2)).toEqual([...own, -1, -2]);
    }
    // ...and leaves the original alone
    expect(chunkedSlice(pushed, 5, 5 + pushed.len)).toEqual(chunkedSlice(appended, 5, 5 + appended.len));
  });
});
