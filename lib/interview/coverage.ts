// The mock interview report's arithmetic: key-point coverage by topic, and the misses. Pure.

/** One set of key points the learner was asked about: a question's own, or its follow-up card's. */
export type CoverageEntry = {
  cardId: string;
  /** The topic it counts toward (the card's deck). */
  topic: string;
  kind: "question" | "follow-up";
  /** Key points ticked (an unanswered question ticked none) and how many there are. */
  covered: number;
  total: number;
};

type TopicCoverage = { topic: string; covered: number; total: number };

export type Coverage = {
  covered: number;
  total: number;
  byTopic: TopicCoverage[];
  /** Entries with a key point left unticked, in the order asked. */
  misses: CoverageEntry[];
  /** The cards of the misses, each once, in the order asked: what "Study these" studies. */
  missedCardIds: string[];
};

export function scoreCoverage(entries: CoverageEntry[]): Coverage {
  const topics = new Map<string, TopicCoverage>();
  for (const entry of entries) {
    const topic = topics.get(entry.topic) ?? { topic: entry.topic, covered: 0, total: 0 };
    topic.covered += entry.covered;
    topic.total += entry.total;
    topics.set(entry.topic, topic);
  }
  const misses = entries.filter((entry) => entry.covered < entry.total);
  return {
    covered: entries.reduce((sum, entry) => sum + entry.covered, 0),
    total: entries.reduce((sum, entry) => sum + entry.total, 0),
    byTopic: [...topics.values()],
    misses,
    missedCardIds: [...new Set(misses.map((entry) => entry.cardId))],
  };
}
