import { describe, expect, it } from "vitest";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";

describe("sanitizeCardHtml", () => {
  it("keeps the safe subset with its text", () => {
    const html =
      '<p>A <b>bold</b>, <strong>strong</strong>, <i>i</i> <em>em</em> <code class="language-yaml">kind: ' +
      "Pod</code><br>line</p><ul><li>one</li></ul><ol><li>two</li></ol><pre>x</pre>";
    expect(sanitizeCardHtml(html)).toBe(html);
  });

  it("keeps basic tables with colspan and rowspan but no styling", () => {
    expect(
      sanitizeCardHtml('<table style="x"><tr><th rowspan="2">h</th><td colspan="2" class="c">d</td></tr></table>'),
    ).toBe('<table><tbody><tr><th rowspan="2">h</th><td colspan="2">d</td></tr></tbody></table>');
  });

  it("removes scripts, styles, iframes and SVG with their content, and event handlers", () => {
    const html =
      '<div onclick="steal()" onmouseover="x">ok</div><script>alert(1)</script><style>p{}</style><iframe ' +
      'src="https://e.test"></iframe><svg><script>alert(2)</script></svg><!-- note -->';
    expect(sanitizeCardHtml(html)).toBe("<div>ok</div>");
  });

  it("keeps only http(s) links, lower-casing the scheme", () => {
    expect(
      sanitizeCardHtml(
        '<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a ' +
          'href="/rel">rel</a> <a href="HTTPS://kubernetes.io" target="_blank">ok</a>',
      ),
    ).toBe('js data rel <a href="https://kubernetes.io">ok</a>');
  });

  it("turns remote images into links and data: or media-file images into text", () => {
    expect(sanitizeCardHtml('<img src="https://x.test/a.png" alt="diagram">')).toBe(
      '<a href="https://x.test/a.png">image: diagram</a>',
    );
    expect(sanitizeCardHtml('<img src="data:image/png;base64,AAAA">')).toBe("[image]");
    expect(sanitizeCardHtml('<img src="paste-123.jpg">')).toBe("[image: paste-123.jpg]");
    expect(sanitizeCardHtml('<a href="https://x.test"><img src="https://x.test/i.png" alt="i"></a>')).toBe(
      '<a href="https://x.test">[image: i]</a>',
    );
  });

  it("escapes text that only looks like markup and survives broken markup", () => {
    expect(sanitizeCardHtml("a < b && c > d")).toBe("a &lt; b &amp;&amp; c > d");
    expect(sanitizeCardHtml('<b>unclosed <i>tags <a href="https://x.test" <p>odd')).not.toMatch(
      /<p|onerror|<a href="https:\/\/x.test" </,
    );
    expect(sanitizeCardHtml('<img src=x onerror="alert(1)">')).toBe("[image: x]");
  });

  it("keeps a leading blank line of a <pre> through any number of passes", () => {
    const once = sanitizeCardHtml("<pre>\n\nindented\n  code</pre>");
    expect(once).toBe("<pre>\n\nindented\n  code</pre>");
    expect(sanitizeCardHtml(once)).toBe(once);
  });

  it("is idempotent on a mixed sample", () => {
    const samples = [
      "<div>x</div><div>y&nbsp;z</div>",
      "<p>1<p>2",
      "<li>orphan</li>",
      "<table><td>t</td></table>",
      "<b><i>mis</b>nested</i>",
      '<a href="https://a.test">a<a href="https://b.test">b</a></a>',
    ];
    for (const sample of samples) {
      const once = sanitizeCardHtml(sample);
      expect(sanitizeCardHtml(once)).toBe(once);
    }
  });
});
