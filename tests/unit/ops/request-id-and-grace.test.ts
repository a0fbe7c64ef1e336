import { afterEach, describe, expect, it, vi } from "vitest";
import { shutdownGraceMs } from "@/lib/env-defaults";
import { requestIdFrom } from "@/lib/ops/request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("keeps a short plain id a load balancer sent", () => {
    expect(requestIdFrom("7f3a9c2e-haproxy:01")).toBe("7f3a9c2e-haproxy:01");
  });

  it.each([
    ["none", undefined],
    ["too short", "abc"],
    ["too long", "a".repeat(65)],
    ["a forged log line", 'x"}\n{"level":60'],
    ["spaces", "request id 12345"],
    ["repeated headers", ["aaaaaaaa", "bbbbbbbb"]],
  ])("replaces %s with a fresh UUID", (_, given) => {
    expect(requestIdFrom(given)).toMatch(uuid);
  });
});

describe("shutdownGraceMs", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to 25 s, inside Kubernetes' 30 s termination grace", () => {
    vi.stubEnv("QUORUM_SHUTDOWN_GRACE_MS", "");
    expect(shutdownGraceMs()).toBe(25_000);
  });

  it("reads whole milliseconds", () => {
    vi.stubEnv("QUORUM_SHUTDOWN_GRACE_MS", "5000");
    expect(shutdownGraceMs()).toBe(5_000);
  });

  it.each(["-1", "2.5", "ten", "600001"])("refuses %s, naming the setting", (value) => {
    vi.stubEnv("QUORUM_SHUTDOWN_GRACE_MS", value);
    expect(() => shutdownGraceMs()).toThrow(/QUORUM_SHUTDOWN_GRACE_MS must be whole milliseconds from 0 to 600000/);
  });
});
