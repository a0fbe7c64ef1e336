// Stored XSS through imported cards. Every way we know to smuggle a script URL or a
// remote load through Markdown or Anki HTML, through both paths that write card HTML.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/markdown";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";
import { findUnsafe } from "../../helpers/unsafe-html";

const js = "alert(document.cookie)";

/** Script-scheme spellings a browser would still run, as they appear in an HTML attribute. */
const htmlHrefs = {
  plain: `javascript:${js}`,
  "mixed case": `JaVaScRiPt:${js}`,
  "hex entity": `jav&#x61;script:${js}`,
  "decimal entity": `&#106;avascript:${js}`,
  "decimal entity without semicolon": `&#106avascript:${js}`,
  "hex entity without semicolon": `&#x6A;ava&#x73cript:${js}`,
  "zero-padded entity": `&#0000106;avascript:${js}`,
  "entity-encoded colon": `javascript&colon;${js}`,
  "tab inside the scheme": `java\tscript:${js}`,
  "newline entity inside the scheme": `java&#10;script:${js}`,
  "tab entity inside the scheme": `java&#x09;script:${js}`,
  "leading spaces": `   javascript:${js}`,
  "leading control characters": `\u0001\u0010javascript:${js}`,
  "leading entity-encoded control character": `&#x01;javascript:${js}`,
  vbscript: `vbscript:msgbox(1)`,
  "data: HTML": `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  file: `file:///etc/passwd`,
};

/** The same in Markdown link destinations, where CommonMark decodes entities too. */
const markdownLinks = {
  inline: `[click](javascript:${js})`,
  "inline, mixed case": `[click](JAVAscript:${js})`,
  "inline, angle-bracketed": `[click](<javascript:${js}>)`,
  "inline, hex entity": `[click](jav&#x61;script:${js})`,
  "inline, decimal entity": `[click](&#106;avascript:${js})`,
  "inline, tab entity": `[click](java&#9;script:${js})`,
  "inline, with a title": `[click](javascript:${js} "title")`,
  autolink: `<javascript:${js}>`,
  "autolink, vbscript": "<vbscript:msgbox(1)>",
  "reference style": `[click][x]\n\n[x]: javascript:${js}`,
  "reference style, entity": `[click][x]\n\n[x]: &#106;avascript:${js}`,
  "raw HTML link": `<a href="javascript:${js}">click</a>`,
  "data: link": "[click](data:text/html,<script>alert(1)</script>)",
  "file: link": "[click](file:///etc/passwd)",
};

const remoteLoads = {
  "remote <img>": '<img src="http://evil.test/pixel.png" alt="pixel">',
  "protocol-relative <img>": '<img src="//evil.test/pixel.png">',
  "<img> with an onerror": '<img src=x onerror="alert(1)">',
  srcset: '<img srcset="http://evil.test/a.png 1x, http://evil.test/b.png 2x" alt="set">',
  "<picture><source srcset>": '<picture><source srcset="http://evil.test/a.png"><img src="local.png"></picture>',
  "SVG image xlink:href": '<svg><image xlink:href="http://evil.test/a.png"/></svg>',
  "SVG link xlink:href": `<svg><a xlink:href="javascript:${js}"><text>click</text></a></svg>`,
  "<svg><a href>": `<svg><a href="javascript:${js}"><circle r="9"/></a></svg>`,
  "<iframe>": '<iframe src="http://evil.test/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<form action>":
    "<form " +
    `action="javascript:${js}"><button>go</button></form><button ` +
    `formaction="http://evil.test">b</button>`,
  "style url()": '<p style="background:url(http://evil.test/a.png)">text</p>',
  "<style> @import": "<style>@import url(http://evil.test/a.css)</style><p>text</p>",
  "<link> stylesheet": '<link rel="stylesheet" href="http://evil.test/a.css">',
  "<meta> refresh": `<meta http-equiv="refresh" content="0;url=javascript:${js}">`,
  "<base href>": '<base href="http://evil.test/"><a href="https://kubernetes.io">k8s</a>',
  "<object> and <embed>": '<object data="http://evil.test/x.swf"></object><embed src="http://evil.test/x.swf">',
  "<video poster>": '<video poster="http://evil.test/p.png"><source src="http://evil.test/v.mp4"></video>',
  "<table background>": '<table background="http://evil.test/bg.png"><tr><td>x</td></tr></table>',
  "<math> link": `<math><mtext><a href="javascript:${js}">x</a></mtext></math>`,
  "<script>": "<script>alert(1)</script><p>text</p>",
};

describe("an Anki HTML field (sanitizeCardHtml)", () => {
  it.each(Object.entries(htmlHrefs))("drops a %s link and keeps its text", (_, href) => {
    const html = sanitizeCardHtml(`<a href="${href}">click</a>`);
    expect(findUnsafe(html)).toEqual([]);
    expect(html).toBe("click");
  });

  it.each(Object.entries(remoteLoads))("loads and runs nothing from %s", (_, input) => {
    const html = sanitizeCardHtml(input);
    expect(findUnsafe(html)).toEqual([]);
    expect(html).not.toMatch(/<img|src=|srcset|url\(|javascript|xlink|action=|style=/i);
  });

  it("keeps http(s) and mailto links", () => {
    expect(sanitizeCardHtml('<a href="mailto:ops@example.com">mail</a> <a href="HTTPS://kubernetes.io">k8s</a>')).toBe(
      '<a href="mailto:ops@example.com">mail</a> <a href="https://kubernetes.io">k8s</a>',
    );
  });
});

describe("imported Markdown (renderMarkdown)", () => {
  it.each(Object.entries(markdownLinks))("drops a %s link", async (_, markdown) => {
    const html = await renderMarkdown(markdown);
    expect(findUnsafe(html)).toEqual([]);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/);
  });

  it.each(Object.entries(htmlHrefs))("drops a %s link destination", async (_, href) => {
    const html = await renderMarkdown(`[click](<${href.replaceAll("\t", "&#9;")}>) and [ref][r]\n\n[r]: <${href}>`);
    expect(findUnsafe(html)).toEqual([]);
    expect(html).not.toContain("href");
  });

  it.each(Object.entries(remoteLoads))("loads nothing from raw HTML: %s", async (_, input) => {
    const html = await renderMarkdown(`before\n\n${input}\n\nafter`);
    expect(findUnsafe(html)).toEqual([]);
    expect(html).not.toMatch(/<img|src=|srcset|url\(|javascript|xlink|action=/i);
  });

  it("turns a Markdown image into a link to it, never an <img>", async () => {
    expect(await renderMarkdown("![diagram](http://evil.test/a.png)")).toBe(
      '<p><a href="http://evil.test/a.png" target="_blank" rel="noopener noreferrer">image: diagram</a></p>',
    );
    expect(await renderMarkdown("![x][i]\n\n[i]: https://evil.test/b.png")).not.toContain("<img");
    expect(await renderMarkdown(`![x](javascript:${js})`)).toBe("<p>[image: x]</p>");
    expect(await renderMarkdown("![x](data:image/png;base64,AAAA)")).toBe("<p>[image: x]</p>");
  });

  it("keeps http(s) and mailto links, autolinks and highlighted code", async () => {
    const html = await renderMarkdown(
      "<https://kubernetes.io> [mail](mailto:ops@example.com) www.etcd.io\n\n```yaml\nkind: Pod\n```",
    );
    expect(html).toContain(
      '<a href="https://kubernetes.io" target="_blank" rel="noopener noreferrer">https://kubernetes.io</a>',
    );
    expect(html).toContain('<a href="mailto:ops@example.com">mail</a>');
    expect(html).toContain('<a href="http://www.etcd.io" target="_blank"');
    expect(html).toMatch(/<pre class="shiki shiki-themes github-light github-dark"/);
    expect(findUnsafe(html)).toEqual([]);
  });
});

describe("the checker itself", () => {
  it("flags what the sanitiser must remove", () => {
    expect(findUnsafe(`<a href="javascript:${js}">x</a>`)).toEqual([`href=javascript:${js}`]);
    expect(findUnsafe('<img src="http://evil.test/a.png">')).toEqual(["<img>", "src=http://evil.test/a.png"]);
    expect(findUnsafe("<iframe></iframe><form></form><svg></svg><noscript></noscript>")).toEqual([
      "<iframe>",
      "<form>",
      "<svg>",
      "<noscript>",
    ]);
    expect(findUnsafe('<p style="background:url(x)" onclick="f()">x</p>')).toEqual([
      "style=background:url(x)",
      "onClick=f()",
    ]);
  });
});
