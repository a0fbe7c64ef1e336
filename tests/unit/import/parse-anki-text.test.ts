import { describe, expect, it } from "vitest";
import { parseAnkiText } from "@/lib/import/parse-anki-text";

const fronts = (text: string) => parseAnkiText(text).cards.map((card) => card.front);

describe("parseAnkiText: separators and quoting", () => {
  it("reads a tab file with Anki's header, quoted newlines, doubled quotes and a BOM", () => {
    const text =
      '\ufeff#separator:tab\n#html:false\nWhat is a Pod?\t"The smallest ' +
      'deployable unit.\nIt holds ""one or more"" containers."\n';
    const { cards, errors, meta } = parseAnkiText(text);
    expect(errors).toEqual([]);
    expect(meta).toMatchObject({ separator: "\t", separatorSource: "header", html: false });
    expect(cards).toEqual([
      {
        line: 3,
        front: "What is a Pod?",
        back: "The smallest deployable unit.<br>It holds &quot;one or more&quot; containers.",
        format: "html",
        tags: [],
      },
    ]);
  });

  it("treats #separator:Tab and a literal tab the same", () => {
    const body = "q1\ta1\nq2\ta2\n";
    expect(parseAnkiText(`#separator:Tab\n${body}`).cards).toEqual(parseAnkiText(`#separator:\t\n${body}`).cards);
    expect(fronts(`#separator:Tab\n${body}`)).toEqual(["q1", "q2"]);
  });

  it("handles CRLF and lone CR line endings, inside quotes too, with the same line numbers", () => {
    for (const eol of ["\r\n", "\r"]) {
      const { cards, errors } = parseAnkiText(["#separator:comma", "q1,a1", `q2,"two${eol}lines"`, "q3,a3"].join(eol));
      expect(errors).toEqual([]);
      expect(cards.map((c) => [c.line, c.back])).toEqual([
        [2, "a1"],
        [3, "two<br>lines"],
        [5, "a3"],
      ]);
    }
  });

  it("sniffs a comma file even when its questions contain colons and its HTML is quoted", () => {
    const text =
      'Q: what schedules pods?,"<b>kube-scheduler</b>, after filtering"\n' +
      'Q: where is state?,"<i>etcd</i>: a key-value store"\n';
    const { cards, meta, errors } = parseAnkiText(text);
    expect(errors).toEqual([]);
    expect(meta).toMatchObject({ separator: ",", separatorSource: "sniffed", html: true });
    expect(cards.map((c) => c.back)).toEqual([
      "<b>kube-scheduler</b>, after filtering",
      "<i>etcd</i>: a key-value store",
    ]);
  });

  it("sniffs semicolon and pipe files", () => {
    expect(parseAnkiText("a;b\nc;d\n").meta.separator).toBe(";");
    expect(parseAnkiText("a|b, c, d\ne|f\n").meta.separator).toBe("|");
    expect(parseAnkiText("front back\nq a\n").meta.separator).toBe(" ");
  });

  it("lets the caller override the separator and the HTML flag", () => {
    const { cards, meta } = parseAnkiText("#separator:tab\na;<b>b</b>\n", { separator: ";", html: false });
    expect(meta.separator).toBe(";");
    expect(cards[0]!.back).toBe("&lt;b&gt;b&lt;/b&gt;");
  });
});

describe("parseAnkiText: rows that are not cards", () => {
  it("skips empty lines silently and reports empty or whitespace-only fronts and backs", () => {
    const { cards, skipped, errors } = parseAnkiText("#separator:tab\n\nq\ta\n   \t  answer\nquestion\t \t\n\n\t\n");
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.line)).toEqual([3]);
    expect(skipped).toEqual([
      { line: 4, reason: "empty front" },
      { line: 5, reason: "empty back" },
      { line: 7, reason: "empty front" },
    ]);
  });

  it("tolerates trailing separators and missing trailing columns", () => {
    const { cards, errors } = parseAnkiText("#separator:comma\n#tags column:3\nq1,a1,t1\nq2,a2,\nq3,a3\nq4,a4,t4,,,\n");
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.tags)).toEqual([["t1"], [], [], ["t4"]]);
  });

  it("reports a comment line in the body as skipped with a hint", () => {
    const { cards, skipped } = parseAnkiText('q\ta\n#1 reason pods restart\tOOMKilled\n"#2 reason"\tliveness probe\n');
    expect(cards.map((c) => c.front)).toEqual(["q", "#2 reason"]);
    expect(skipped).toEqual([{ line: 2, reason: expect.stringContaining("comment line") }]);
  });

  it("treats HTML that shows nothing as empty, and a sound-only field as empty", () => {
    const { skipped } = parseAnkiText("#html:true\nq\t<br><div>&nbsp;</div>\n[sound:q.mp3]\tanswer\n");
    expect(skipped).toEqual([
      { line: 2, reason: "empty back" },
      { line: 3, reason: "empty front" },
    ]);
  });
});

describe("parseAnkiText: malformed files", () => {
  it("errors on a row with an unquoted separator beyond the column count, and keeps parsing", () => {
    const { cards, errors } = parseAnkiText("q1,a1\nq2,a2, with a comma\nq3,a3\n");
    expect(cards.map((c) => c.front)).toEqual(["q1", "q3"]);
    expect(errors).toEqual([
      { line: 2, message: expect.stringContaining("text in column 3, but the file has 2 columns") },
    ]);
  });

  it("errors on a row without a back column (an unquoted line break)", () => {
    const { errors } = parseAnkiText("#separator:tab\nq1\tfirst line\nsecond line\nq2\ta2\n");
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining("has 1 column") }]);
  });

  it("errors on an unterminated quote, a bad header value and a column past the end, each on its line", () => {
    const { errors } = parseAnkiText('#html:yes\n#tags column:9\nq,a\n"open,x\n');
    expect(errors.map((e) => e.line)).toEqual([1, 2, 4]);
    expect(errors[1]!.message).toContain("points past the 2 columns");
  });

  it("errors when a #columns count is exceeded", () => {
    const { errors } = parseAnkiText("#separator:tab\n#columns:Front\tBack\nq\ta\textra\n");
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining("the file has 2 columns") }]);
  });

  it("errors on every row of a one-column file rather than splitting prose on spaces", () => {
    const { errors, meta } = parseAnkiText("just a question\nanother one\n");
    expect(meta.separator).toBe("\t");
    expect(errors.map((e) => e.line)).toEqual([1, 2]);
  });
});

describe("parseAnkiText: columns, decks, tags and notetypes", () => {
  it("maps meta columns out of the fields like Anki's own export", () => {
    const text =
      "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck " +
      "column:3\n#tags column:6\nabc#1\tBasic\tK8s::Core\tQ\tA\tpods  core\n";
    expect(parseAnkiText(text).cards).toEqual([
      { line: 7, guid: "abc#1", deck: "K8s::Core", front: "Q", back: "A", format: "html", tags: ["pods", "core"] },
    ]);
  });

  it("maps #columns labels by name, declared before #separator, with a Tags label", () => {
    const text = "#columns:Answer|Tags|Question\n#separator:pipe\n#tags:imported\nthe back|t1 imported|the front\n";
    const { cards, meta } = parseAnkiText(text);
    expect(meta.columns).toEqual(["Answer", "Tags", "Question"]);
    expect(cards[0]).toMatchObject({ front: "the front", back: "the back", tags: ["imported", "t1"] });
  });

  it("takes the deck from #deck unless a deck column names one", () => {
    const { cards } = parseAnkiText("#deck:Default::Sub\n#deck column:3\nq1\ta1\tOther\nq2\ta2\t\n");
    expect(cards.map((c) => c.deck)).toEqual(["Other", "Default::Sub"]);
  });

  it("turns cloze notes into a readable question and answer, but not Basic notes", () => {
    const text =
      "#notetype column:1\nCloze\t{{c1::etcd}} stores {{c2::all " +
      "state::what?}}\textra info\nBasic\t{{c1::literal}}\tback\n";
    const { cards } = parseAnkiText(text);
    expect(cards[0]).toMatchObject({
      front: "[...] stores [what?]",
      back: "<b>etcd</b> stores <b>all state</b><br><br>extra info",
    });
    expect(cards[1]!.front).toBe("{{c1::literal}}");
  });

  it("detects HTML from any field when there is no #html header", () => {
    expect(parseAnkiText("q\ta\nq2\t<i>a2</i>\n").meta.html).toBe(true);
    expect(parseAnkiText("q\ta < b\n").meta.html).toBe(false);
    expect(parseAnkiText("q\ta < b\n").cards[0]!.back).toBe("a &lt; b");
  });
});

describe("parseAnkiText: safety and limits", () => {
  it("sanitises scripts, event handlers, styles and images", () => {
    const text =
      '#html:true\n<p onclick="steal()">Q<script>alert(1)</script></p>\t<img src="https://evil.test/p.gif" ' +
      'alt="pixel"><style>*{}</style><img src="kubelet.png"><a href="javascript:x()">link</a>\n';
    const card = parseAnkiText(text).cards[0]!;
    expect(card.front).toBe("<p>Q</p>");
    expect(card.back).toBe('<a href="https://evil.test/p.gif">image: pixel</a>[image: kubelet.png]link');
  });

  it("removes [sound:] tags but keeps the text around them", () => {
    expect(parseAnkiText("say it [sound:x.mp3]\tanswer\n").cards[0]!.front).toBe("say it");
  });

  it("imports a 19,000-character line and rejects a 25,000-character field", () => {
    const ok = parseAnkiText(`q\t${"y".repeat(19_000)}\n`);
    expect(ok.cards[0]!.back).toHaveLength(19_000);
    const tooLong = parseAnkiText(`q\t${"y".repeat(25_000)}\n`);
    expect(tooLong.cards).toEqual([]);
    expect(tooLong.errors).toEqual([{ line: 1, message: "The back is longer than 20,000 characters." }]);
  });

  it("refuses HTML nested deeper than 100 levels instead of overflowing the stack, but not flat sloppy HTML", () => {
    const deep = parseAnkiText(`#html:true\nq\t${"<div>".repeat(5_000)}x\n`);
    expect(deep.errors).toEqual([{ line: 2, message: "The back's HTML is nested more than 100 levels deep." }]);
    const sloppy = parseAnkiText(`#html:true\nq\t${"<p>para<br>".repeat(300)}\n`);
    expect(sloppy.errors).toEqual([]);
    expect(sloppy.cards[0]!.back.match(/<p>/g)).toHaveLength(300);
  });

  it("refuses a raw field over 80,000 characters before sanitising it", () => {
    expect(parseAnkiText(`#html:true\n${"<b>x</b>".repeat(20_000)}\tback\n`).errors).toEqual([
      { line: 2, message: "The front is longer than 20,000 characters." },
    ]);
  });

  it("rejects a card with more than 50 tags", () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`).join(" ");
    expect(parseAnkiText(`#tags column:3\nq\ta\t${tags}\n`).errors).toEqual([
      { line: 2, message: "The card has more than 50 tags." },
    ]);
  });
});
