// A dead API server behind kubeadm's HAProxy, as upstream behaves: the load balancer's checks use
// HAProxy's defaults (kubeadm docs/ha-considerations.md, haproxy.cfg: `option httpchk GET /healthz`,
// `server ... check` with no timing, so inter 2s, fall 3, rise 2) and `retries 1` with `option
// redispatch` moves a refused connection to another server; client-go sends a GET again when its
// connection broke (k8s.io/client-go rest/request.go, request: isErrRetryableFunc retries only GETs,
// on net.IsConnectionReset / IsProbableEOF, up to maxRetries 10).
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/sim/core/component";
import type { Msg } from "@/lib/sim/core/messages";
import type { Envelope } from "@/lib/sim/core/types";
import { createRng, seedRng } from "@/lib/sim/core/rng";
import { apiCall } from "@/lib/sim/apiserver/http";
import { emptyHttpClient, httpOnMessage, httpSend } from "@/lib/sim/client/http-client";
import { DEFAULT_TUNING } from "@/lib/sim/cluster/defaults";
import { runScenario } from "@/lib/sim";

type Sent = { to: string; body: Msg };

function recordingCtx(sent: Sent[], now = 1000): Ctx {
  let ids = 0;
  return {
    now,
    self: "kubectl",
    host: "laptop",
    startedAt: 0,
    rng: createRng(seedRng(1)),
    send: (to, body) => void sent.push({ to, body }),
    after: () => undefined,
    trace: () => undefined,
    nextId: (prefix) => `${prefix}-${++ids}`,
    exit: () => undefined,
    killLocal: () => undefined,
    startLocal: () => undefined,
    isLocalUp: () => true,
    powerHost: () => undefined,
  };
}

const cfg = { server: "lb", credential: null };
const eof = (): Envelope =>
  ({ from: "lb", to: "kubectl", sentAt: 1000, body: { p: "net", kind: "closed", reason: "EOF" } }) as Envelope;

describe("client-go on a connection lost mid-request", () => {
  it("sends a GET again instead of reporting EOF (rest/request.go isErrRetryableFunc)", () => {
    const sent: Sent[] = [];
    const ctx = recordingCtx(sent);
    const { hc } = httpSend(
      emptyHttpClient(),
      cfg,
      apiCall("list", "pods", { namespace: "default" }),
      "get",
      null,
      ctx,
    );
    const { results } = httpOnMessage(hc, cfg, eof(), ctx);
    expect(results).toEqual([]);
    expect(sent.map((m) => (m.body as { kind: string }).kind)).toEqual(["request", "request"]);
  });

  it("reports EOF for a write, which it never retries", () => {
    const sent: Sent[] = [];
    const ctx = recordingCtx(sent);
    const { hc } = httpSend(
      emptyHttpClient(),
      cfg,
      apiCall("patch", "deployments", { namespace: "default", name: "web", body: {} }),
      "scale",
      null,
      ctx,
    );
    const { results } = httpOnMessage(hc, cfg, eof(), ctx);
    expect(results).toMatchObject([{ kind: "response", status: 0, error: "EOF" }]);
    expect(sent).toHaveLength(1);
  });

  it("gives up after 10 retries (rest.Request's default maxRetries)", () => {
    const sent: Sent[] = [];
    const ctx = recordingCtx(sent);
    let { hc } = httpSend(
      emptyHttpClient(),
      cfg,
      apiCall("get", "pods", { namespace: "default", name: "web" }),
      "get",
      null,
      ctx,
    );
    const reported = [];
    for (let i = 0; i <= 10; i++) {
      const step = httpOnMessage(hc, cfg, eof(), ctx);
      hc = step.hc;
      reported.push(...step.results);
    }
    expect(sent).toHaveLength(11);
    expect(reported).toMatchObject([{ kind: "response", status: 0, error: "EOF" }]);
  });
});

describe("the load balancer of kubeadm's HA guide", () => {
  it(
    "checks with HAProxy's defaults: inter 2 s, fall 3, rise " + "2 (kubeadm docs/ha-considerations.md haproxy.cfg)",
    () => {
      expect([DEFAULT_TUNING.lbCheckIntervalMs, DEFAULT_TUNING.lbFall, DEFAULT_TUNING.lbRise]).toEqual([2000, 3, 2]);
    },
  );

  it("redispatches connections a dead API server refuses, so kubectl sees no EOF before it is marked DOWN", () => {
    const trace = runScenario("control-plane-ha", {}, 1);
    const down = trace.events.find((e) => e.type === "lb.backend-down" && e.backend === "kube-apiserver-3")!;
    const redispatched = trace.events.filter(
      (e) => e.type === "lb.redispatched" && e.from === "kube-apiserver-3" && e.t < down.t,
    );
    const gets = trace.events.filter(
      (e) => e.type === "api.response" && e.command === "kubectl get pods" && e.t >= 40_000 && e.t < 100_000,
    );
    expect(redispatched.length).toBeGreaterThan(0);
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((e) => e.status === 200)).toBe(true);
    // Three failed checks 2 s apart, the first within one interval of the death at 40 s.
    expect(down.t - 40_000).toBeGreaterThanOrEqual(4000);
    expect(down.t - 40_000).toBeLessThanOrEqual(7000);
  });
});
