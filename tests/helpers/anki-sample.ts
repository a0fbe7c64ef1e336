import type { TestCollection } from "./anki-package";

// One small collection in both package layouts: a Basic note with three reviews and an FSRS memory
// in cards.data, a Basic (and reversed card) note, and a Cloze note with two deletions; fields with
// an image reference and a script, as Anki users' cards have.

export const sampleCrtSeconds = Date.parse("2026-01-01T04:00:00Z") / 1000;
export const reviewTimes = ["2026-01-10T09:00:00Z", "2026-01-10T09:10:00Z", "2026-01-11T09:00:00Z"].map(Date.parse);
const basicId = 1_600_000_000_001;
const reversedId = 1_600_000_000_002;
const clozeId = 1_600_000_000_003;
const deckId = 1_600_000_000_100;

export function sampleCollection(): TestCollection {
  return {
    crt: sampleCrtSeconds,
    decks: [
      { id: 1, name: "Default" },
      { id: deckId, name: "Kubernetes::Pods" },
    ],
    notetypes: [
      {
        id: basicId,
        name: "Basic",
        isCloze: false,
        fields: ["Front", "Back"],
        templates: [{ qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" }],
      },
      {
        id: reversedId,
        name: "Basic (and reversed card)",
        isCloze: false,
        fields: ["Front", "Back"],
        templates: [
          { qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" },
          { qfmt: "{{Back}}", afmt: "{{FrontSide}}<hr id=answer>{{Front}}" },
        ],
      },
      {
        id: clozeId,
        name: "Cloze",
        isCloze: true,
        fields: ["Text", "Back Extra"],
        templates: [{ qfmt: "{{cloze:Text}}", afmt: "{{cloze:Text}}<br>{{Back Extra}}" }],
      },
    ],
    notes: [
      {
        id: 11,
        mid: basicId,
        guid: "g-basic",
        tags: " k8s pods ",
        fields: ['What runs a <b>Pod</b>?<img src="pod.png">', "The kubelet<script>alert(1)</script>"],
      },
      { id: 12, mid: reversedId, guid: "g-rev", tags: "", fields: ["etcd", "The key-value store"] },
      { id: 13, mid: clozeId, guid: "g-cloze", tags: "", fields: ["{{c1::Raft}} elects a {{c2::leader}}", "quorum"] },
    ],
    cards: [
      { id: 101, nid: 11, did: deckId, ord: 0, type: 2, queue: 2, due: 30, ivl: 19, reps: 3, lapses: 0 },
      { id: 102, nid: 12, did: deckId, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, reps: 0, lapses: 0 },
      { id: 103, nid: 12, did: deckId, ord: 1, type: 0, queue: -1, due: 2, ivl: 0, reps: 0, lapses: 0 },
      { id: 104, nid: 13, did: deckId, ord: 0, type: 0, queue: 0, due: 3, ivl: 0, reps: 0, lapses: 0 },
      {
        id: 105,
        nid: 13,
        did: deckId,
        ord: 1,
        type: 2,
        queue: 2,
        due: 20,
        ivl: 9,
        reps: 1,
        lapses: 0,
        data: '{"s":12.5,"d":4.25}',
      },
    ],
    revlog: [
      { id: reviewTimes[0]!, cid: 101, ease: 3, ivl: -600, time: 4000, type: 0 },
      { id: reviewTimes[1]!, cid: 101, ease: 3, ivl: 1, time: 3000, type: 0 },
      { id: reviewTimes[2]!, cid: 101, ease: 3, ivl: 19, time: 5000, type: 1 },
      // A "set due date" entry: no grade, no change of memory.
      { id: reviewTimes[2]! + 60_000, cid: 101, ease: 0, ivl: 19, time: 0, type: 4, factor: 2500 },
    ],
  };
}
