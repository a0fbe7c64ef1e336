import { describe, expect, it } from "vitest";
import { readAnkiHeader } from "@/lib/import/anki-header";

describe("readAnkiHeader", () => {
  it("reads keys in any case, order and spacing, and stops at the first non-# line", () => {
    const text = "#HTML:TRUE\n# Deck Column : 3\n#Separator: Pipe \n#tags:a b  c\nfront|back\n#deck:late\n";
    const { header, bodyStart, bodyFirstLine, errors } = readAnkiHeader(text);
    expect(errors).toEqual([]);
    expect(header.html).toBe(true);
    expect(header.separator).toBe("|");
    expect(header.tags).toEqual(["a", "b", "c"]);
    expect(header.metaColumns.deck).toEqual({ column: 3, line: 2 });
    expect(header.deck).toBeUndefined();
    expect(text.slice(bodyStart)).toBe("front|back\n#deck:late\n");
    expect(bodyFirstLine).toBe(5);
  });

  it("accepts separator names and the literal characters, tab included", () => {
    expect(readAnkiHeader("#separator:Tab\n").header.separator).toBe("\t");
    expect(readAnkiHeader("#separator:\t\n").header.separator).toBe("\t");
    expect(readAnkiHeader("#separator:;\n").header.separator).toBe(";");
    expect(readAnkiHeader("#separator: \n").header.separator).toBe(" ");
    expect(readAnkiHeader("#separator:COMMA\n").header.separator).toBe(",");
  });

  it("makes an invalid value an error on its line instead of ignoring it", () => {
    const { errors } = readAnkiHeader("#separator:foo\n#html:maybe\n#tags column:x\n#guid column:0\n");
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(errors[0]!.message).toContain('"foo" is not a separator');
    expect(errors[1]!.message).toContain("must be true or false");
    expect(errors[2]!.message).toContain("is not a column number");
  });

  it("ignores comments and unknown keys, remembering the keys", () => {
    const { header, errors } = readAnkiHeader("# exported by hand\n#vim: ts=8\n#color:blue\nx\ty\n");
    expect(errors).toEqual([]);
    expect(header.ignored).toEqual(["vim", "color"]);
  });

  it("reads the legacy tags: line only as the very first line", () => {
    expect(readAnkiHeader("tags:old style\n#deck:D\nq\ta\n").header).toMatchObject({
      tags: ["old", "style"],
      deck: "D",
    });
    const later = readAnkiHeader("#deck:D\ntags:not header\n");
    expect(later.header.tags).toEqual([]);
    expect(later.bodyFirstLine).toBe(2);
  });
});
