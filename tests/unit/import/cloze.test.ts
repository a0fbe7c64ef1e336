import { describe, expect, it } from "vitest";
import { clozeBack, clozeFront, hasCloze } from "@/lib/import/cloze";

describe("cloze rendering", () => {
  it("hides deletions on the front, showing hints, and bolds them on the back", () => {
    const text = "A {{c1::Deployment}} manages {{c2::ReplicaSets::what?}}.";
    expect(clozeFront(text)).toBe("A [...] manages [what?].");
    expect(clozeBack(text)).toBe("A <b>Deployment</b> manages <b>ReplicaSets</b>.");
  });

  it("handles nested deletions innermost first", () => {
    const text = "{{c1::etcd runs {{c2::Raft}}}} for consensus";
    expect(clozeFront(text)).toBe("[...] for consensus");
    expect(clozeBack(text)).toBe("<b>etcd runs <b>Raft</b></b> for consensus");
  });

  it("recognises only well-formed deletions", () => {
    expect(hasCloze("{{c1::x}}")).toBe(true);
    expect(hasCloze("{{Front}} and {{c::x}}")).toBe(false);
    expect(clozeFront("{{c1::unclosed")).toBe("{{c1::unclosed");
  });

  it("given a cloze number, hides and bolds only that deletion, as Anki's card for that number does", () => {
    const text = "{{c1::etcd runs {{c2::Raft::protocol}}}} for {{c2::consensus}}";
    expect(clozeFront(text, 2)).toBe("etcd runs [protocol] for [...]");
    expect(clozeBack(text, 2)).toBe("etcd runs <b>Raft</b> for <b>consensus</b>");
    expect(clozeFront(text, 1)).toBe("[...] for consensus");
  });
});
