// The engine core dispatches through what lib/sim/cluster-components/registry.ts installs (core/extensions.ts):
// component handlers by kind and, per protocol, which messages open a connection, so that a process
// that is down on a live host answers them with a reset (the kernel's RST) and loses everything else.
import { describe, expect, it } from "vitest";
import "@/lib/sim/cluster-components/registry";
import { componentFor, isConnectionOpener } from "@/lib/sim/core/extensions";
import type { Msg } from "@/lib/sim/core/messages";

const msg = (p: string, kind: string) => ({ p, kind }) as Msg;

describe("engine extensions", () => {
  it("finds every component of a cluster by its kind and names a kind it does not know", () => {
    for (const kind of ["etcd", "kube-apiserver", "kubelet", "containerd", "kubectl"])
      expect(componentFor(kind).kind).toBe(kind);
    expect(() => componentFor("no-such-kind")).toThrow("no component handler for kind no-such-kind");
  });

  it("treats requests and new connections of each protocol as connection openers", () => {
    for (const [p, kind] of [
      ["etcd", "connect"],
      ["etcd", "range"],
      ["etcd", "txn"],
      ["etcd", "watch"],
      ["etcd", "snapshot"],
      ["http", "request"],
      ["cri", "cri-request"],
      ["app", "app-request"],
      ["metrics", "scrape"],
    ])
      expect(isConnectionOpener(msg(p!, kind!)), `${p} ${kind}`).toBe(true);
  });

  it("lets responses, Raft traffic, kernel and local messages be lost silently", () => {
    for (const [p, kind] of [
      ["http", "response"],
      ["etcd", "range-resp"],
      ["cri", "cri-response"],
      ["raft", "MsgApp"],
      ["net", "closed"],
      ["local", "exited"],
      ["pod", "syn"],
      ["cloud", "increase-size"],
    ])
      expect(isConnectionOpener(msg(p!, kind!)), `${p} ${kind}`).toBe(false);
  });
});
