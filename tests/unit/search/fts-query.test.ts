import { describe, expect, it } from "vitest";
import { searchWordsMax, toFtsQuery, toTsQuery } from "@/lib/search/fts-query";

describe("toFtsQuery", () => {
  it("quotes each word, requires them all, and lets the last match as a prefix", () => {
    expect(toFtsQuery("etcd quorum")).toBe('"etcd" "quorum"*');
    expect(toFtsQuery("  kube-proxy  ")).toBe('"kube" "proxy"*');
  });

  it("keeps no FTS5 syntax from the input: operators become words, marks disappear", () => {
    expect(toFtsQuery('NEAR("a" b, 2) AND -c* ^d answer:e')).toBe('"NEAR" "a" "b" "2" "AND" "c" "d" "answer" "e"*');
    for (const text of ['"', "*", "-", "(((", "^", ":", "\u0000", "'; --"]) expect(toFtsQuery(text)).toBeNull();
  });

  it("keeps letters of any script and caps the number of words", () => {
    expect(toFtsQuery("Größe 東京")).toBe('"Größe" "東京"*');
    expect(toFtsQuery("w ".repeat(50))!.split(" ")).toHaveLength(searchWordsMax);
  });
});

describe("toTsQuery (PostgreSQL to_tsquery)", () => {
  it("requires every word and lets the last match as a prefix", () => {
    expect(toTsQuery("etcd quorum")).toBe("etcd & quorum:*");
    expect(toTsQuery("  kube-proxy  ")).toBe("kube & proxy:*");
  });

  it("keeps no tsquery syntax from the input: operators become words, marks disappear", () => {
    expect(toTsQuery("a & !b | c <-> d:* 'e'")).toBe("a & b & c & d & e:*");
    for (const text of ["&", "|", "!", "<->", ":*", "'", "\u0000"]) expect(toTsQuery(text)).toBeNull();
  });
});
