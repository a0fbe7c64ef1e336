import { describe, expect, it } from "vitest";
import { scoreCoverage } from "@/lib/interview/coverage";
import { hintKeyPoints, significantWords } from "@/lib/interview/keyword-hint";
import { interviewStep, ratingForCoverage } from "@/lib/interview/steps";

const keyPoints = [
  "The only component that reads and writes etcd; everything else calls or watches it",
  "Order: authentication (401), priority and fairness (429), authorization (403), admission (writes only)",
  "Replicas run side by side behind a load balancer: no leader election",
];

describe("hintKeyPoints: the keyword hint", () => {
  it(
    "ticks a point when the answer shares at least half of " + "its significant words, whatever their case or plural",
    () => {
      expect(
        hintKeyPoints("Several REPLICA behind a load balancer; there is no leader election between them.", keyPoints),
      ).toEqual([2]);
      expect(hintKeyPoints("Only the API server reads and writes etcd; components watch it.", keyPoints)).toEqual([0]);
    },
  );

  it("ticks nothing for an answer of stop words, an empty answer, or another topic", () => {
    expect(hintKeyPoints("it is the one that does it and then what", keyPoints)).toEqual([]);
    expect(hintKeyPoints("", keyPoints)).toEqual([]);
    expect(hintKeyPoints("The scheduler scores nodes and binds the pod.", keyPoints)).toEqual([]);
  });

  it("keeps numbers (status codes, ports) as significant words and drops Markdown punctuation", () => {
    expect(significantWords("`6443` and **401**, a to")).toEqual(new Set(["6443", "401"]));
  });
});

describe("interviewStep and ratingForCoverage", () => {
  const at = new Date("2026-03-02T10:00:00Z");
  const interview = { tickedAt: null, followUpQuestion: null, followUpAnsweredAt: null, followUpPointCount: null };

  it("walks answer → tick → follow-up → follow-up-tick → done from what is stored", () => {
    expect(interviewStep({ answeredAt: null, interview: null })).toBe("answer");
    expect(interviewStep({ answeredAt: null, interview })).toBe("tick");
    expect(
      interviewStep({
        answeredAt: null,
        interview: { ...interview, tickedAt: at, followUpQuestion: "Why?", followUpPointCount: 3 },
      }),
    ).toBe("follow-up");
    expect(
      interviewStep({
        answeredAt: null,
        interview: {
          ...interview,
          tickedAt: at,
          followUpQuestion: "Why?",
          followUpAnsweredAt: at,
          followUpPointCount: 3,
        },
      }),
    ).toBe("follow-up-tick");
    expect(interviewStep({ answeredAt: at, interview: { ...interview, tickedAt: at } })).toBe("done");
  });

  it("grades full coverage Good, at least half Hard, less or a skip Again", () => {
    expect(ratingForCoverage({ isSkipped: false, covered: 4, total: 4 })).toBe(3);
    expect(ratingForCoverage({ isSkipped: false, covered: 2, total: 4 })).toBe(2);
    expect(ratingForCoverage({ isSkipped: false, covered: 1, total: 4 })).toBe(1);
    expect(ratingForCoverage({ isSkipped: true, covered: 0, total: 4 })).toBe(1);
    expect(ratingForCoverage({ isSkipped: false, covered: 0, total: 0 })).toBe(3);
  });
});

describe("scoreCoverage", () => {
  it("sums key points by topic and lists each missed card once, in the order asked", () => {
    const coverage = scoreCoverage([
      { cardId: "a", topic: "Control plane", kind: "question", covered: 3, total: 3 },
      { cardId: "b", topic: "Networking", kind: "follow-up", covered: 1, total: 4 },
      { cardId: "c", topic: "Control plane", kind: "question", covered: 0, total: 5 },
      { cardId: "b", topic: "Networking", kind: "question", covered: 2, total: 4 },
    ]);
    expect(coverage).toMatchObject({ covered: 6, total: 16, missedCardIds: ["b", "c"] });
    expect(coverage.byTopic).toEqual([
      { topic: "Control plane", covered: 3, total: 8 },
      { topic: "Networking", covered: 3, total: 8 },
    ]);
    expect(coverage.misses.map((miss) => `${miss.cardId}:${miss.kind}`)).toEqual([
      "b:follow-up",
      "c:question",
      "b:question",
    ]);
  });
});
