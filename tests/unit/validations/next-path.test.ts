// safeNextPath against what an attacker can put in `next`: whatever comes out must be a path on
// our own origin, read the way a browser reads a Location header (the WHATWG URL parser).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/validations/next-path";

const origin = "https://quorum.test";

/** The pieces open-redirect payloads are made of, including encoded and look-alike slashes. */
const piece = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  "\t",
  "\n",
  "\r",
  "\u0000",
  "\u007f",
  "\u0085",
  " ",
  ".",
  "..",
  "/./",
  "/../",
  "%2F",
  "%2f",
  "%5C",
  "%09",
  "%0A",
  "%252F",
  "%25252F",
  "%2e",
  "%2E%2E",
  "@",
  ":",
  "?",
  "#",
  "&",
  "=",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "evil.example",
  "evil.example:443",
  "user:pass@",
  "\uFF0F",
  "\u2215",
  "\u3002",
  "\u0130",
  "\u200b",
  "\uFEFF",
  "\u{1F600}",
  "xn--e1afmkfd",
  "next=/a",
  "study",
  "k8s",
);
const payload = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.constantFrom("/", "//", "/\t/", "/\\"), fc.webUrl()).map(([head, url]) => head + url),
);

function expectOnOurOrigin(path: string) {
  expect(path.startsWith("/")).toBe(true);
  expect(path.startsWith("//")).toBe(false);
  expect(path).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
  const url = new URL(path, origin);
  expect(url.origin).toBe(origin);
  // The path a browser would request is the one we return (nothing left for it to normalize).
  expect(`${url.pathname}${url.search}${url.hash}`).toBe(path);
}

describe("safeNextPath", () => {
  it("always gives a single-slash path on our origin, whatever it is given", () => {
    fc.assert(
      fc.property(payload, (next) => expectOnOurOrigin(safeNextPath(next))),
      { numRuns: 5_000 },
    );
  });

  it("uses the first of repeated parameters, and still only a safe one", () => {
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 4 }), (values) => {
        const path = safeNextPath(values);
        expectOnOurOrigin(path);
        expect(path).toBe(safeNextPath(values[0]));
      }),
    );
  });

  it("is idempotent: a path it returns is returned unchanged", () => {
    fc.assert(
      fc.property(payload, (next) => {
        expect(safeNextPath(safeNextPath(next))).toBe(safeNextPath(next));
      }),
    );
  });

  it("keeps ordinary paths on this site, with their query and fragment", () => {
    for (const path of [
      "/",
      "/study/k8s-basics",
      "/account?merge=failed",
      "/study/k8s?card=pods-1&v=2#top",
      "/cards/%E2%9C%93",
    ]) {
      expect(safeNextPath(path)).toBe(path);
    }
  });

  it("turns the attacks from issue 13 and their cousins into /", () => {
    const attacks = [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\r\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /x",
      "evil.example",
      "",
      null,
      undefined,
      42,
      {},
    ];
    for (const attack of attacks) expect(safeNextPath(attack), JSON.stringify(attack)).toBe("/");
  });
});
