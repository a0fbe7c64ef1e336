// Rows of an Anki collection as Quorum reads them, in the column names of Anki's schema
// (rslib/src/storage/schema11.sql; schema 18 keeps notes, cards and revlog as they are).

export type AnkiNotetype = {
  id: number;
  name: string;
  /** Notetype.Config.Kind: a cloze notetype makes one card per cloze number. */
  isCloze: boolean;
  /** Field names by ord. */
  fields: string[];
  /** Card templates by ord: the question and answer formats ({{Field}} references). */
  templates: { ord: number; qfmt: string; afmt: string }[];
};

export type AnkiNote = { id: number; guid: string; mid: number; tags: string; flds: string };

export type AnkiCard = {
  id: number;
  nid: number;
  did: number;
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** -3/-2 buried, -1 suspended, 0 new, 1 learning (due in epoch s), 2 review, 3 day learning (due in days). */
  queue: number;
  due: number;
  /** Days; negative seconds while learning. */
  ivl: number;
  /** Ease in permille (2500 = 250%); unused by FSRS. */
  factor: number;
  reps: number;
  lapses: number;
  /** JSON: {"s": stability, "d": difficulty, ...} once FSRS has run (rslib/src/storage/card/data.rs). */
  data: string;
};

export type AnkiRevlog = {
  /** Epoch milliseconds of the review. */
  id: number;
  cid: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual change. */
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  /** Milliseconds spent. */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
};

export type AnkiCollection = {
  /** Collection creation, epoch seconds at the start of its first day: review `due` counts days from it. */
  crt: number;
  notetypes: Map<number, AnkiNotetype>;
  decks: Map<number, string>;
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiRevlog[];
};
