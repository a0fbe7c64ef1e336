// The JSON that schema 11 keeps in the `col` row: one notetype, the decks and one deck option
// group, with the keys Anki's schema-11 readers require (rslib/src/notetype/schema11.rs
// NotetypeSchema11, rslib/src/decks/schema11.rs NormalDeckSchema11, rslib/src/deckconfig/schema11.rs
// DeckConfSchema11); the rest take their defaults when Anki upgrades the file.

/** The notetype every exported card uses: Anki's stock "Basic" with its two fields. */
export const basicNotetypeId = 1_700_000_000_000;
const defaultDeckId = 1;
const optionsId = 1;

export function notetypeJson(mtimeSeconds: number) {
  const field = (name: string, ord: number) => ({ name, ord, sticky: false, rtl: false, font: "Arial", size: 20 });
  return {
    [basicNotetypeId]: {
      id: basicNotetypeId,
      name: "Basic (Quorum)",
      type: 0,
      mod: mtimeSeconds,
      usn: 0,
      sortf: 0,
      did: null,
      tmpls: [
        {
          name: "Card 1",
          ord: 0,
          qfmt: "{{Front}}",
          afmt: "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}",
          bqfmt: "",
          bafmt: "",
          did: null,
        },
      ],
      flds: [field("Front", 0), field("Back", 1)],
      css: ".card { font-family: arial; font-size: 20px; text-align: left; }",
      latexPre: "",
      latexPost: "",
      latexsvg: false,
      req: [[0, "any", [0]]],
    },
  };
}

function deckJson(id: number, name: string, mtimeSeconds: number) {
  const today = [0, 0];
  return {
    id,
    name,
    mod: mtimeSeconds,
    usn: 0,
    lrnToday: today,
    revToday: today,
    newToday: today,
    timeToday: today,
    collapsed: false,
    browserCollapsed: false,
    desc: "",
    dyn: 0,
    conf: optionsId,
    extendNew: 0,
    extendRev: 0,
  };
}

/** Anki needs its Default deck (id 1) in every collection; the exported decks follow it. */
export function decksJson(decks: { id: number; name: string }[], mtimeSeconds: number) {
  return Object.fromEntries(
    [{ id: defaultDeckId, name: "Default" }, ...decks].map((deck) => [
      deck.id,
      deckJson(deck.id, deck.name, mtimeSeconds),
    ]),
  );
}

export function deckOptionsJson(mtimeSeconds: number, desiredRetention: number) {
  return {
    [optionsId]: {
      id: optionsId,
      name: "Default",
      mod: mtimeSeconds,
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
      rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
      desiredRetention,
    },
  };
}
