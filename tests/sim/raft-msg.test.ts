// Raft messages as values (lib/sim/raft/msg.ts, after etcd-io/raft raftpb.Message): heartbeatOf hands
// out the last heartbeat it built again when every field matches, so it must give exactly the
// message msgOf builds for any sequence of fields, and never one built for another field's value.
import { describe, expect, it } from "vitest";
import { heartbeatOf, msgOf, NO_ENTRIES } from "@/lib/sim/raft/msg";

type Fields = [type: "MsgHeartbeat" | "MsgHeartbeatResp", from: number, to: number, term: number, commit: number];

describe("heartbeatOf", () => {
  it("builds the message msgOf builds, whichever field changed since the last call", () => {
    const calls: [...Fields, string][] = [
      ["MsgHeartbeat", 1, 2, 3, 10, ""],
      ["MsgHeartbeat", 1, 2, 3, 10, ""],
      ["MsgHeartbeat", 1, 2, 3, 11, ""],
      ["MsgHeartbeat", 1, 2, 4, 11, ""],
      ["MsgHeartbeat", 1, 2, 4, 11, "readindex-7"],
      ["MsgHeartbeat", 1, 3, 4, 11, "readindex-7"],
      ["MsgHeartbeatResp", 1, 3, 4, 0, "readindex-7"],
      ["MsgHeartbeatResp", 3, 1, 4, 0, ""],
      ["MsgHeartbeat", 1, 2, 4, 11, ""],
    ];
    for (const [type, from, to, term, commit, context] of calls)
      expect(heartbeatOf(type, from, to, term, commit, context)).toEqual(
        msgOf(type, from, to, term, 0, 0, commit, NO_ENTRIES, context),
      );
  });

  it("sends the same heartbeat object again while nothing in it changes", () => {
    const first = heartbeatOf("MsgHeartbeat", 2, 1, 5, 40, "");
    expect(heartbeatOf("MsgHeartbeat", 2, 1, 5, 40, "")).toBe(first);
    expect(heartbeatOf("MsgHeartbeat", 2, 1, 5, 41, "")).not.toBe(first);
  });
});
