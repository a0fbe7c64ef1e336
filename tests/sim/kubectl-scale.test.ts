// kubectl scale as kubectl sends it: the resource builder GETs the named object first
// (cli-runtime pkg/resource/builder.go, Do adds RetrieveLazy because requireObject is true by
// default), then, without --current-replicas or --resource-version, the scaler sends one blind merge
// PATCH of spec.replicas (kubectl pkg/cmd/scale/scale.go RunScale; pkg/scale/scale.go ScaleSimple).
// A GET with no resourceVersion is a quorum read (apiserver storage/cacher/delegator.go Get: "serve
// it from underlying storage"), so under etcd quorum loss the command dies on its GET.
import { describe, expect, it } from "vitest";
import { generate, runScenario, type TraceEvent } from "@/lib/sim";

function scaleResponses(members: number, down: number): TraceEvent[] {
  const trace = runScenario("etcd-quorum-loss", { members, down }, 1);
  return trace.events.filter((e) => e.type === "api.response" && String(e.command).startsWith("kubectl scale"));
}

describe("kubectl scale", () => {
  it("GETs the Deployment, then PATCHes it (kubectl scale.go RunScale after the builder's RetrieveLazy)", () => {
    expect(scaleResponses(3, 1).map((e) => `${String(e.verb)} ${String(e.status)}`)).toEqual(["get 200", "patch 200"]);
  });

  it("under quorum loss fails on its GET with the API server's 504 after 60 s, and sends no PATCH", () => {
    const answers = scaleResponses(3, 2);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ verb: "get", status: 504, latencyMs: 60_002 });
    expect(String(answers[0]!.error)).toContain("Timeout: request did not complete within requested timeout");
  });
});

describe("the etcd-writes question", () => {
  it("teaches the 60 s GET timeout, not a 7 s write timeout, whenever quorum is lost", () => {
    const lost = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((seed) => generate("etcd-writes", seed))
      .filter((q) => /nothing commits/.test(q.explanation));
    expect(lost.length).toBeGreaterThan(0);
    for (const q of lost) expect(q.choices.find((c) => c.id === q.answer)!.label).toContain("GET of the Deployment");
  });
});
