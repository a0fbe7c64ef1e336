// The what-if parameter parser (lib/sim/scenarios/params.ts): every kind read from the strings of a
// URL or argv and from the numbers and booleans of card front matter, params that do not apply
// ignored, and messages worded with the labels the learner sees.
import { describe, expect, it } from "vitest";
import {
  findScenario,
  formatParamValue,
  isParamApplicable,
  parseParams,
  readParamValue,
  type ParamDef,
  type ScenarioDef,
} from "@/lib/sim";

const fixture: ScenarioDef = {
  id: "fixture",
  title: "Fixture",
  summary: "For tests.",
  params: [
    {
      name: "mode",
      type: "enum",
      label: "Mode",
      description: "",
      default: 1,
      options: [
        { value: 1, label: "Calm" },
        { value: 2, label: "Busy" },
        { value: 3, label: "Chaos" },
      ],
    },
    { name: "members", type: "integer", label: "etcd members", description: "", default: 3, min: 1, max: 7 },
    {
      name: "down",
      type: "integer",
      label: "Members down",
      description: "",
      default: 1,
      min: 0,
      max: 7,
      maxFrom: "members",
    },
    {
      name: "outage",
      type: "integer",
      label: "Outage length",
      description: "",
      default: 60,
      min: 10,
      max: 600,
      unit: "s",
    },
    { name: "bad", type: "boolean", label: "Bad release", description: "", default: true },
    {
      name: "load",
      type: "integer",
      label: "Load",
      description: "",
      default: 5,
      min: 1,
      max: 9,
      appliesWhen: { mode: [2, 3] },
    },
    {
      name: "verbose",
      type: "boolean",
      label: "Verbose",
      description: "",
      default: false,
      appliesWhen: { bad: [true] },
    },
  ],
  plan: () => {
    throw new Error("not run");
  },
  claims: () => [],
};

const defaults = { mode: 1, members: 3, down: 1, outage: 60, bad: true, load: 5, verbose: false };

function errorsOf(raw: Parameters<typeof parseParams>[1]): Record<string, string> {
  const result = parseParams(fixture, raw);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.params)}`);
  return result.errors;
}

describe("parseParams", () => {
  it("gives every param its default when nothing is sent, and treats an empty field as not sent", () => {
    expect(parseParams(fixture, {})).toEqual({ ok: true, params: defaults });
    expect(parseParams(fixture, { members: "", bad: "" })).toEqual({ ok: true, params: defaults });
  });

  it("reads booleans from true/false and, for older links and cards, from 1/0", () => {
    for (const [raw, value] of [
      ["true", true],
      ["false", false],
      ["1", true],
      ["0", false],
      [" TRUE ", true],
      [1, true],
      [0, false],
      [false, false],
    ] as const) {
      expect(parseParams(fixture, { bad: raw }), JSON.stringify(raw)).toEqual({
        ok: true,
        params: { ...defaults, bad: value },
      });
    }
  });

  it("refuses anything else for a boolean, naming its label", () => {
    expect(errorsOf({ bad: "yes" })).toEqual({
      bad: 'Bad release must be on or off: true or false (you entered "yes")',
    });
    expect(errorsOf({ bad: 2 }).bad).toContain('(you entered "2")');
    expect(errorsOf({ bad: "constructor" }).bad).toContain("Bad release must be on or off");
  });

  it("reads an enum by its number, from a string or a number, and lists the choices when it is not one", () => {
    expect(parseParams(fixture, { mode: "3" })).toMatchObject({ ok: true, params: { mode: 3 } });
    expect(parseParams(fixture, { mode: 2 })).toMatchObject({ ok: true, params: { mode: 2 } });
    expect(errorsOf({ mode: "9" })).toEqual({
      mode: 'Mode must be one of 1 (Calm), 2 (Busy), 3 (Chaos) (you entered "9")',
    });
    expect(errorsOf({ mode: "Busy" }).mode).toContain('(you entered "Busy")');
    expect(errorsOf({ mode: true }).mode).toContain("Mode must be one of");
  });

  it("words integer errors with the label, the range and its unit", () => {
    expect(errorsOf({ members: "107" })).toEqual({ members: "etcd members must be between 1 and 7 (you entered 107)" });
    expect(errorsOf({ outage: "5" })).toEqual({ outage: "Outage length must be between 10 and 600 s (you entered 5)" });
    expect(errorsOf({ members: "2.5" })).toEqual({
      members: 'etcd members must be a whole number between 1 and 7 (you entered "2.5")',
    });
    expect(errorsOf({ members: true }).members).toContain("must be a whole number");
  });

  it("caps a param by another one, naming both labels", () => {
    expect(errorsOf({ members: "3", down: "4" })).toEqual({ down: "Members down can be at most etcd members (3)" });
    expect(parseParams(fixture, { members: "5", down: "4" })).toMatchObject({
      ok: true,
      params: { members: 5, down: 4 },
    });
  });

  it("names an unknown key plainly, with the keys the scenario takes", () => {
    expect(errorsOf({ membrs: "3" }).membrs).toBe(
      'Unknown parameter "membrs": this scenario takes mode (Mode), members (etcd members), down ' +
        "(Members down), outage (Outage length), bad (Bad release), load (Load), verbose (Verbose)",
    );
    // as a query string arrives
    expect(Object.keys(errorsOf(Object.fromEntries([["__proto__", "1"]])))).toEqual(["__proto__"]);
    expect(errorsOf({ ["x".repeat(100)]: "1" })[`${"x".repeat(100)}`]).toContain(`"${"x".repeat(40)}…"`);
  });

  it("ignores a param that does not apply: no error for a bad value, and the run uses its default", () => {
    expect(parseParams(fixture, { mode: "1", load: "8" })).toEqual({ ok: true, params: defaults });
    expect(parseParams(fixture, { mode: "1", load: "999" })).toEqual({ ok: true, params: defaults });
    expect(parseParams(fixture, { mode: "2", load: "8" })).toMatchObject({ ok: true, params: { mode: 2, load: 8 } });
    expect(errorsOf({ mode: "3", load: "999" })).toEqual({ load: "Load must be between 1 and 9 (you entered 999)" });
    expect(parseParams(fixture, { bad: "0", verbose: "maybe" })).toEqual({
      ok: true,
      params: { ...defaults, bad: false },
    });
    expect(parseParams(fixture, { bad: "1", verbose: "1" })).toMatchObject({
      ok: true,
      params: { bad: true, verbose: true },
    });
  });

  it("keeps the scheduling scenario's card params valid, and ignores replicas outside cases 5 and 6", () => {
    const scheduling = findScenario("scheduling")!;
    expect(parseParams(scheduling, { case: 5, replicas: 4 })).toMatchObject({
      ok: true,
      params: { case: 5, replicas: 4 },
    });
    expect(parseParams(scheduling, { case: 7, cpuNode1: 1200, cpuNode2: 400, cpuNode3: 800, podCpu: 500 }).ok).toBe(
      true,
    );
    const case1 = parseParams(scheduling, { case: "1", replicas: "99", podCpu: "1" });
    expect(case1).toEqual(parseParams(scheduling, { case: "1" }));
    expect(parseParams(scheduling, { case: "8" })).toMatchObject({
      ok: false,
      errors: { case: expect.stringMatching(/^Case must be one of 1 \(/) },
    });
  });
});

describe("isParamApplicable, readParamValue, formatParamValue", () => {
  const def = (name: string) => fixture.params.find((p) => p.name === name)!;
  const [mode, members, outage, bad, load] = ["mode", "members", "outage", "bad", "load"].map(def) as [
    ParamDef,
    ParamDef,
    ParamDef,
    ParamDef,
    ParamDef,
  ];

  it("applies a param when every named param has one of the listed values", () => {
    expect(isParamApplicable(load, { mode: 2 })).toBe(true);
    expect(isParamApplicable(load, { mode: 1 })).toBe(false);
    expect(isParamApplicable(load, {})).toBe(false);
    expect(isParamApplicable(members, {})).toBe(true);
  });

  it("reads a value leniently for redisplay, falling back to the default", () => {
    expect(readParamValue(bad, "0")).toBe(false);
    expect(readParamValue(bad, "nonsense")).toBe(true);
    expect(readParamValue(mode, "3")).toBe(3);
  });

  it("formats values as the learner reads them", () => {
    expect(formatParamValue(bad, true)).toBe("on");
    expect(formatParamValue(bad, false)).toBe("off");
    expect(formatParamValue(mode, 2)).toBe("Busy");
    expect(formatParamValue(outage, 120)).toBe("120s");
  });
});
