import { describe, expect, it } from "vitest";
import { formatRevlogCsv, revlogCsvHeader, type ExportReview } from "@/lib/export/format-revlog-csv";
import { readDelimitedRecords } from "@/lib/import/delimited-records";

const review: ExportReview = {
  cardId: "k8s-etcd-quorum",
  reviewedAt: new Date("2026-03-10T08:30:00.250Z"),
  rating: 3,
  state: 2,
  durationMs: 8200,
};

describe("formatRevlogCsv", () => {
  it("writes the optimizer's header and one row per review with epoch milliseconds", () => {
    expect(revlogCsvHeader).toBe("card_id,review_time,review_rating,review_state,review_duration");
    expect(formatRevlogCsv([review, { ...review, rating: 1, state: 0, durationMs: null }])).toBe(
      "card_id,review_time,review_rating,review_state,review_duration\n" +
        "k8s-etcd-quorum,1773131400250,3,2,8200\nk8s-etcd-quorum,1773131400250,1,0,0\n",
    );
  });

  it("quotes a card id that contains a comma or quote, so a CSV reader gets it back", () => {
    const csv = formatRevlogCsv([{ ...review, cardId: 'odd,"id"' }]);
    const { records } = readDelimitedRecords(csv, ",");
    expect(records.map((r) => r.fields)).toEqual([
      revlogCsvHeader.split(","),
      ['odd,"id"', "1773131400250", "3", "2", "8200"],
    ]);
  });

  it("rounds fractional durations and writes only the header for no reviews", () => {
    expect(formatRevlogCsv([{ ...review, durationMs: 1234.6 }])).toContain(",1235\n");
    expect(formatRevlogCsv([])).toBe(`${revlogCsvHeader}\n`);
  });

  it("throws on ratings, states, durations or dates the optimizer cannot read", () => {
    expect(() => formatRevlogCsv([{ ...review, rating: 0 }])).toThrow("rating must be an integer from 1 to 4, got 0");
    expect(() => formatRevlogCsv([{ ...review, state: 4 }])).toThrow("state must be an integer from 0 to 3");
    expect(() => formatRevlogCsv([{ ...review, durationMs: -5 }])).toThrow("durationMs");
    expect(() => formatRevlogCsv([{ ...review, reviewedAt: new Date("nope") }])).toThrow("not a valid date");
  });
});
