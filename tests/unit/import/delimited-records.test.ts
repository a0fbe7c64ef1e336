import { describe, expect, it } from "vitest";
import { readDelimitedRecords } from "@/lib/import/delimited-records";

const fieldsOf = (text: string, separator = ",") =>
  readDelimitedRecords(text, separator).records.map((record) => record.fields);

describe("readDelimitedRecords", () => {
  it("keeps separators, newlines and doubled quotes inside quoted fields", () => {
    const { records, errors } = readDelimitedRecords('"a, b","line 1\nline 2","say ""hi"""\nnext,row\n', ",");
    expect(errors).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ["a, b", "line 1\nline 2", 'say "hi"'],
      ["next", "row"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it("treats quotes inside an unquoted field as text, as Anki's HTML attributes need", () => {
    expect(fieldsOf('<a href="https://k8s.io">docs</a>\tback', "\t")).toEqual([
      ['<a href="https://k8s.io">docs</a>', "back"],
    ]);
  });

  it("gives a trailing separator an empty last field and an empty quoted field an empty string", () => {
    expect(fieldsOf('a,b,\n"",x\n')).toEqual([
      ["a", "b", ""],
      ["", "x"],
    ]);
  });

  it("drops empty lines but counts them for line numbers", () => {
    const { records } = readDelimitedRecords("\n\na,b\n\n\nc,d", ",", 10);
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [12, ["a", "b"]],
      [15, ["c", "d"]],
    ]);
  });

  it("marks a record that starts with # as a comment, but not a quoted field starting with #", () => {
    const { records } = readDelimitedRecords('#note\n"#1 tip",back\n', ",");
    expect(records.map((r) => [r.isComment, r.fields[0]])).toEqual([
      [true, "#note"],
      [false, "#1 tip"],
    ]);
  });

  it("reports an unterminated quote at the line where it opened and stops there", () => {
    const { records, errors } = readDelimitedRecords('ok,row\n"never\nclosed,x\nmore,rows\n', ",");
    expect(records.map((r) => r.fields)).toEqual([["ok", "row"]]);
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining("opens on line 2 never closes") }]);
  });

  it("reports text after a closing quote and resumes at the next line", () => {
    const { records, errors } = readDelimitedRecords('"quoted" then text,b\ngood,row\n', ",");
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining("Text follows a closing double quote") }]);
    expect(records.map((r) => r.fields)).toEqual([["good", "row"]]);
  });

  it("reads a 1 MB line with thousands of quoted fields in linear time", () => {
    const fields = Array.from({ length: 20_000 }, (_, i) => `"field ${i} ${"x".repeat(40)}"`);
    const started = performance.now();
    const { records } = readDelimitedRecords(fields.join(","), ",");
    expect(records[0]!.fields).toHaveLength(20_000);
    expect(records[0]!.fields[19_999]).toBe(`field 19999 ${"x".repeat(40)}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
