import { describe, expect, it } from "vitest";
import { parseMarkdownQa } from "@/lib/import/parse-markdown-qa";

const block = (question: string, answer: string) =>
  `<details>\n<summary>${question}</summary><br><b>\n${answer}\n</b></details>\n`;

describe("parseMarkdownQa: blocks and tags", () => {
  it("reads each block with the heading path above it as kebab-case tags, three levels deep", () => {
    const text = [
      "# Kubernetes Drill",
      "## Control Plane",
      "### The API Server & Admission",
      block("Q1", "A1"),
      "## Nodes",
      block("Q2", "A2"),
      "### Kubelet (v1.30+)",
      block("Q3", "A3"),
    ].join("\n");
    const { cards, errors } = parseMarkdownQa(text);
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.tags)).toEqual([
      ["kubernetes-drill", "control-plane", "the-api-server-admission"],
      ["kubernetes-drill", "nodes"],
      ["kubernetes-drill", "nodes", "kubelet-v1-30"],
    ]);
    expect(cards.map((c) => [c.line, c.front, c.back, c.format])).toEqual([
      [4, "Q1", "A1", "markdown"],
      [10, "Q2", "A2", "markdown"],
      [16, "Q3", "A3", "markdown"],
    ]);
  });

  it("reads closing # runs and inline code in headings, and ignores #words that are not headings", () => {
    const text = ["## Probes ##", "#hashtag is text", "### The `kubectl` CLI", block("Q", "A")].join("\n");
    expect(parseMarkdownQa(text).cards[0]!.tags).toEqual(["probes", "the-kubectl-cli"]);
  });

  it("turns <b>, <code> and links in summaries into Markdown on one line", () => {
    const text =
      "<details><summary>What does <b> kubectl drain </b> do to\n<code>DaemonSet</code> pods? " +
      'See <a href="https://kubernetes.io/docs">docs</a></summary>It skips them.</details>';
    expect(parseMarkdownQa(text).cards[0]!.front).toBe(
      "What does **kubectl drain** do to `DaemonSet` pods? See [docs](https://kubernetes.io/docs)",
    );
  });

  it("keeps fenced code in answers verbatim, even when the code contains <details> and headings", () => {
    const code = "```html\n<details><summary>not a card</summary>\n# not a heading\n</details>\n```";
    const text = `## Real\n${block("Show the markup", `Like this:\n\n${code}\n\nand <b>done</b>.`)}`;
    const { cards, errors } = parseMarkdownQa(text);
    expect(errors).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.back).toBe(`Like this:\n\n${code}\n\nand **done**.`);
    expect(cards[0]!.tags).toEqual(["real"]);
  });

  it("ignores <details> inside inline code and ~~~ fences", () => {
    const text = "Use `<details>` to fold.\n\n~~~\n<details>\n~~~\n" + block("Q", "A with `</details>` inline");
    const { cards, errors } = parseMarkdownQa(text);
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.back)).toEqual(["A with `</details>` inline"]);
  });

  it("keeps a nested block inside its answer, its summary as a bold line", () => {
    const text =
      "<details><summary>Outer</summary>\nMain answer.\n<details><summary>Show " +
      "YAML</summary>\n\n```yaml\nkind: Pod\n```\n</details>\n</details>";
    expect(parseMarkdownQa(text).cards).toEqual([
      {
        line: 1,
        front: "Outer",
        back: "Main answer.\n\n**Show YAML**\n\n```yaml\nkind: Pod\n```",
        format: "markdown",
        tags: [],
      },
    ]);
  });

  it("drops the <b> wrapper only when it wraps the whole answer", () => {
    const [whole, parts] = parseMarkdownQa(block("Q", "<b>a</b> and <b>b</b>") + block("Q", "x")).cards;
    expect(whole!.back).toBe("**a** and **b**");
    expect(parts!.back).toBe("x");
    expect(parseMarkdownQa("<details><summary>Q</summary><b>one</b> two <b>three</b></details>").cards[0]!.back).toBe(
      "**one** two **three**",
    );
  });

  it("turns <br> into a hard break and keeps other Markdown as written", () => {
    const { cards } = parseMarkdownQa(block("Q", "first<br>second\n\n- a *list*\n- [link](https://k8s.io)"));
    expect(cards[0]!.back).toBe("first  \nsecond\n\n- a *list*\n- [link](https://k8s.io)");
  });
});

describe("parseMarkdownQa: skipped and broken blocks", () => {
  it("skips empty answers and questions with a count, and blocks without a summary", () => {
    const text = [
      block("Has answer", "yes"),
      block("No answer", ""),
      block("   ", "orphan answer"),
      "<details>\njust folded text\n</details>",
      block("Also empty", "<br>"),
    ].join("\n");
    const { cards, skipped, errors } = parseMarkdownQa(text);
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.front)).toEqual(["Has answer"]);
    expect(skipped.map((s) => s.reason)).toEqual([
      "empty answer",
      "empty question",
      "<details> block without a <summary> question",
      "empty answer",
    ]);
    expect(skipped.filter((s) => s.reason === "empty answer")).toHaveLength(2);
  });

  it("names the line where an unclosed <details> opened, even with closed blocks after it", () => {
    const text = ["## S", "<details>", "<summary>Unclosed</summary>", "answer", "", block("Closed", "fine")].join("\n");
    const { cards, errors } = parseMarkdownQa(text);
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining("never closes") }]);
    expect(cards).toEqual([]);
  });

  it("reports a stray </details>, an unclosed <summary> and an unclosed code fence", () => {
    expect(parseMarkdownQa("text\n</details>\n").errors).toEqual([
      { line: 2, message: "This </details> has no <details> to close." },
    ]);
    expect(parseMarkdownQa("\n<details><summary>Q\nanswer</details>").errors).toEqual([
      { line: 2, message: expect.stringContaining("<summary> on line 2 never closes") },
    ]);
    const fence = parseMarkdownQa(block("Q", "```\nunclosed code"));
    expect(fence.errors.map((e) => e.line)).toEqual([1, 3]);
    expect(fence.errors[1]!.message).toContain("code fence never closes");
  });

  it("handles CRLF, lone CR and a BOM with the same cards and lines", () => {
    const lf = ["# T", "", block("Q", "A").trimEnd()].join("\n");
    const expected = parseMarkdownQa(lf).cards;
    expect(expected).toHaveLength(1);
    expect(parseMarkdownQa(`\ufeff${lf.replace(/\n/g, "\r\n")}`).cards).toEqual(expected);
    expect(parseMarkdownQa(lf.replace(/\n/g, "\r")).cards).toEqual(expected);
  });

  it("validates answers like any card: an answer over 20,000 characters is an error", () => {
    expect(parseMarkdownQa(block("Q", "z".repeat(20_001))).errors).toEqual([
      { line: 1, message: "The back is longer than 20,000 characters." },
    ]);
  });
});
