// Property: whatever a user writes, from pieces of known attacks in any order, the card HTML that
// comes out contains nothing that runs, loads or navigates off http(s)/mailto; and sanitising
// is idempotent, so re-importing an export cannot change a card.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/markdown";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";
import { findUnsafe } from "../../helpers/unsafe-html";

const pieces = [
  "<a href=",
  '<a href="',
  '"',
  "'",
  ">",
  "</a>",
  "<",
  "/>",
  " ",
  "\t",
  "\n",
  "\u0001",
  "\u0000",
  "javascript:",
  "java",
  "script:",
  "JaVa",
  "vbscript:",
  "data:text/html,",
  "file:///",
  "alert(1)",
  ":",
  "&colon;",
  "&#106;",
  "&#106",
  "&#x6A;",
  "&#x6a",
  "&#9;",
  "&#x0A;",
  "&#0000106",
  "&amp;",
  "http://evil.test/x.png",
  "https://ok.test/",
  "//evil.test/",
  "mailto:a@b.test",
  "<img src=",
  "<img src=x onerror=alert(1)>",
  " srcset=",
  "<svg>",
  "<svg><a xlink:href=",
  "<image href=",
  "<iframe src=",
  "<form action=",
  "<button formaction=",
  ' style="background:url(',
  ")",
  "<style>",
  "@import url(",
  "<script>",
  "</script>",
  "<math>",
  "<template>",
  "<!--",
  "-->",
  "<![CDATA[",
  "<base href=",
  "<meta http-equiv=refresh content=",
  "[",
  "](",
  "![",
  "]:",
  "[x]",
  "\n\n[x]: ",
  "<javascript:",
  "```",
  "`",
  "*",
  "<p>",
  "<pre>",
  '<code class="language-yaml">',
];

/**
 * One character of a scheme as a browser would still read it: any case, entity-encoded or not, maybe a tab before it.
 */
const schemeChar = (char: string) =>
  fc
    .tuple(
      fc.constantFrom("", "", "\t", "&#9;", "&#x0A;"),
      fc.constantFrom(
        char,
        char.toUpperCase(),
        `&#${char.charCodeAt(0)};`,
        `&#x${char.charCodeAt(0).toString(16)};`,
        `&#${char.charCodeAt(0)}`,
      ),
    )
    .map(([gap, spelled]) => gap + spelled);

/** A dangerous URL in an obfuscated spelling. */
const dangerousUrl = fc
  .tuple(
    fc.constantFrom("", " ", "\u0001", "&#1;", "&#x20;"),
    fc
      .constantFrom("javascript", "vbscript", "data", "file")
      .chain((scheme) => fc.tuple(...[...scheme].map(schemeChar)))
      .map((chars) => chars.join("")),
    fc.constantFrom(":", "&colon;", "&#58;"),
    fc.constantFrom("alert(1)", "text/html,<script>alert(1)</script>", "///etc/passwd"),
  )
  .map((parts) => parts.join(""));

const remoteImage = fc.constantFrom("http://evil.test/x.png", "HTTPS://evil.test/x.png", "//evil.test/x.png");

/** Every Markdown or HTML construct that carries a URL, around a dangerous one or a remote image. */
const urlCarrier = fc.oneof(
  dangerousUrl.map((url) => `[click](${url})`),
  dangerousUrl.map((url) => `[click](<${url}>)`),
  dangerousUrl.map((url) => `<${url}>`),
  dangerousUrl.map((url) => `[click][r]\n\n[r]: ${url}\n`),
  dangerousUrl.map((url) => `<a href="${url}">click</a>`),
  dangerousUrl.map((url) => `<svg><a xlink:href="${url}">click</a></svg>`),
  dangerousUrl.map((url) => `<form action="${url}"><button>go</button></form>`),
  remoteImage.map((url) => `![pixel](${url})`),
  remoteImage.map((url) => `<img src="${url}">`),
  remoteImage.map((url) => `<img srcset="${url} 2x">`),
  remoteImage.map((url) => `<p style="background:url(${url})">x</p>`),
);

const attack = fc
  .array(fc.oneof(urlCarrier, fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 24 })
  .map((parts) => parts.join(""));

describe("user HTML, property-based", () => {
  it("an Anki HTML field comes out safe and sanitising again changes nothing", () => {
    fc.assert(
      fc.property(attack, (input) => {
        const html = sanitizeCardHtml(input);
        expect(findUnsafe(html)).toEqual([]);
        expect(sanitizeCardHtml(html)).toBe(html);
      }),
      { numRuns: 2000 },
    );
  });

  it(
    "keeps a pre's leading newline through a second pass once a " +
      "removed element left it first (found by the property)",
    () => {
      const html = sanitizeCardHtml('<pre><form action="javascript:alert(1)"><button>go</button></form>\n');
      expect(findUnsafe(html)).toEqual([]);
      expect(sanitizeCardHtml(html)).toBe(html);
    },
  );

  // 500 full Markdown renders: a second or two on an idle machine, past Vitest's default 5 s when other
  // work shares the cores, so the test states its own budget rather than fail on a busy machine.
  it("imported Markdown comes out safe", { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(attack, async (input) => {
        expect(findUnsafe(await renderMarkdown(input))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
