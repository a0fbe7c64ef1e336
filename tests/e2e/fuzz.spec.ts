// Malformed input everywhere the server takes it: every route handler under app/api, the pages'
// params and search params, and every server action of the build. Any 5xx, any answer slower
// than 2 s, or a server that stops answering fails the test; fast-check prints the input.
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { listServerActions, postAction } from "./server-actions";
import "../helpers/fast-check-seed";

const answerMsMax = 2_000;
const runsPerProperty = 60;

/** Values an attacker tries: prototype names, encodings, control characters, unicode, size. */
const hostile = fc.oneof(
  fc.constantFrom(
    "constructor",
    "__proto__",
    "toString",
    "%",
    "%ZZ",
    "%00",
    "%2F%2Fevil",
    "..",
    "../..",
    "/\t/evil",
    "\\",
    "\u0000",
    "ключ",
    "🙂",
    "\uFFFF",
    "-1",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "null",
    "true",
  ),
  // URLs and JSON need well-formed text: lone surrogates become U+FFFD.
  fc.string({ unit: "binary", maxLength: 30 }).map((text) => text.replace(/[\uD800-\uDFFF]/g, "\uFFFD")),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.nat({ max: 20_000 }).map((length) => "x".repeat(length)),
);
const fieldName = fc.oneof(
  fc.constantFrom(
    "next",
    "callbackUrl",
    "card",
    "v",
    "seed",
    "quizId",
    "cardId",
    "deckId",
    "rating",
    "version",
    "email",
    "password",
    "name",
    "confirm",
    "format",
    "deckName",
    "nodes",
    "pod",
    "pods",
    "config",
    "mode",
    "deckIds",
    "tags",
    "questionCount",
    "interviewDate",
    "desiredRetention",
    "timeZone",
  ),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }),
);
const query = fc
  .array(fc.tuple(fieldName, hostile), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs).toString());
const segment = hostile.map((value) => encodeURIComponent(value || "x"));

async function expectAnswered(
  request: APIRequestContext,
  label: string,
  send: () => ReturnType<APIRequestContext["get"]>,
) {
  const startedAt = Date.now();
  const response = await send();
  const ms = Date.now() - startedAt;
  expect(response.status(), `${label} → ${response.status()}`).toBeLessThan(500);
  expect(ms, `${label} took ${ms} ms`).toBeLessThan(answerMsMax);
}

const pages = [
  "/",
  "/login",
  "/signup",
  "/account",
  "/progress",
  "/settings",
  "/quiz",
  "/sim",
  "/sim/scheduler",
  "/auth/after-sign-in",
];
const dynamicPages = ["/study/", "/cards/", "/quiz/", "/sim/", "/api/sim/", "/api/export/"];

test.describe.configure({ timeout: 120_000 });

test("pages and route handlers answer hostile paths and search params without a 5xx", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...pages), query, async (path, search) => {
      await expectAnswered(request, `GET ${path}?${search}`, () =>
        request.get(`${path}?${search}`, { maxRedirects: 0 }),
      );
    }),
    { numRuns: runsPerProperty },
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...dynamicPages), segment, query, async (prefix, id, search) => {
      await expectAnswered(request, `GET ${prefix}${id}?${search}`, () =>
        request.get(`${prefix}${id}?${search}`, { maxRedirects: 0 }),
      );
    }),
    { numRuns: runsPerProperty },
  );
});

test("POST /api/schedule answers hostile bodies without a 5xx", async ({ request }) => {
  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.record({ nodes: hostile, pod: hostile }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    hostile,
  );
  await fc.assert(
    fc.asyncProperty(body, async (data) => {
      await expectAnswered(request, `POST /api/schedule ${data.slice(0, 80)}`, () =>
        request.post("/api/schedule", { data, headers: { "content-type": "application/json" } }),
      );
    }),
    { numRuns: runsPerProperty },
  );
});

test("every server action answers hostile forms and non-form bodies without a 5xx", async ({ request }) => {
  const actions = listServerActions();
  expect(actions.length).toBeGreaterThan(5);
  const form = fc.dictionary(fieldName, hostile, { maxKeys: 5 });
  // Arguments as React encodes them: a string starting with "$" is escaped as "$$". A raw "$"
  // reference that React cannot resolve fails in React's decodeReply before any of our code runs.
  const escapeStrings = (value: unknown): unknown =>
    typeof value === "string"
      ? value.replace(/^\$/, "$$$$")
      : Array.isArray(value)
        ? value.map(escapeStrings)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeStrings(item)]))
          : value;
  const args = fc.oneof(
    fc.constant([null, "$K1"]),
    fc.constant(["$K1"]),
    fc.array(fc.jsonValue({ maxDepth: 2 }).map(escapeStrings), { maxLength: 3 }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actions), form, args, async (action, fields, encodedArgs) => {
      await expectAnswered(request, `${action.name} ${JSON.stringify({ fields, encodedArgs }).slice(0, 200)}`, () =>
        postAction(request, action, fields, encodedArgs),
      );
    }),
    { numRuns: runsPerProperty * 3 },
  );
});
