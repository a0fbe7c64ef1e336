// Fixed-window event counters in the database (lib/data/rate-windows.ts), shared by every
// instance of the app: a window starts at a key's first event and lasts windowMs.
import { describe, expect, it } from "vitest";
import { countEvent, countEvents, eventsInWindow, uncountEvent } from "@/lib/data/rate-windows";

const windowMs = 60_000;
const start = new Date("2026-03-02T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("rate windows", () => {
  it("count events in a window that starts at the first one, and start a new window once it has passed", async () => {
    expect(await countEvent("w:a", windowMs, start)).toEqual({ count: 1, windowEndsAtMs: start.getTime() + windowMs });
    expect(await countEvent("w:a", windowMs, at(30_000))).toEqual({ count: 2, windowEndsAtMs: at(windowMs).getTime() });
    expect(await eventsInWindow("w:a", windowMs, at(59_999))).toBe(2);
    expect(await eventsInWindow("w:a", windowMs, at(windowMs))).toBe(0);
    expect(await countEvent("w:a", windowMs, at(windowMs))).toEqual({
      count: 1,
      windowEndsAtMs: at(2 * windowMs).getTime(),
    });
  });

  it("give every one of many events at once its own count", async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => countEvent("w:burst", windowMs, start)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("count one event on several keys at once, each in its own window", async () => {
    await countEvent("w:x", windowMs, start);
    const counts = await countEvents(["w:y", "w:x", "w:y"], windowMs, at(1_000));
    expect(Object.fromEntries([...counts].map(([key, c]) => [key, c.count]))).toEqual({ "w:x": 2, "w:y": 1 });
    expect(counts.get("w:y")!.windowEndsAtMs).toBe(at(1_000 + windowMs).getTime());
  });

  it("take back an event only while its window runs, and never below zero", async () => {
    await countEvent("w:u", windowMs, start);
    await uncountEvent("w:u", windowMs, at(10_000));
    await uncountEvent("w:u", windowMs, at(10_000));
    expect(await eventsInWindow("w:u", windowMs, at(10_000))).toBe(0);
    await countEvent("w:u", windowMs, at(20_000));
    await uncountEvent("w:u", windowMs, at(windowMs + 1));
    expect(await countEvent("w:u", windowMs, at(30_000))).toMatchObject({ count: 2 });
  });
});
