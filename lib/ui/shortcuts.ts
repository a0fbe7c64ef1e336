/**
 * Every keyboard shortcut, per page, as the "?" overlay lists them. Gathered from the key
 * handlers (components/study/use-study-keys.ts, components/sim/replay/use-replay-keys.ts) and the
 * buttons' aria-keyshortcuts: change one there, change it here.
 */
type Shortcut = { keys: string[]; does: string };
type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

const anywhere: ShortcutGroup = { title: "Anywhere", shortcuts: [{ keys: ["?"], does: "Show or hide this list" }] };

const answering: Shortcut[] = [
  { keys: ["Space", "Enter"], does: "Show or check the answer; once shown, take the suggested grade" },
  { keys: ["1", "2", "3", "4"], does: "Grade: Again, Hard, Good, Easy (once the answer is shown)" },
  { keys: ["1–9"], does: "Pick that choice (before the answer is shown)" },
];

const ordering: Shortcut[] = [
  { keys: ["Tab"], does: "Move to a step's handle" },
  { keys: ["Space"], does: "Lift the step, then drop it" },
  { keys: ["↑", "↓"], does: "Move the lifted step" },
  { keys: ["Esc"], does: "Put the lifted step back" },
];

const study: ShortcutGroup[] = [
  { title: "Studying", shortcuts: answering },
  {
    title: "Card actions",
    shortcuts: [
      { keys: ["u", "Ctrl+Z"], does: "Undo the last grade" },
      { keys: ["-"], does: "Bury the card until tomorrow" },
      { keys: ["@"], does: "Suspend the card" },
    ],
  },
  { title: "Ordering questions", shortcuts: ordering },
  anywhere,
];

const quiz: ShortcutGroup[] = [
  { title: "Answering", shortcuts: answering },
  { title: "Ordering questions", shortcuts: ordering },
  anywhere,
];

const replay: ShortcutGroup[] = [
  {
    title: "Replay",
    shortcuts: [
      { keys: ["Space"], does: "Play or pause" },
      { keys: ["←", "→"], does: "Previous or next event" },
      { keys: ["Shift+←", "Shift+→"], does: "Previous or next key moment" },
      { keys: ["Home", "End"], does: "Go to the start or the end" },
    ],
  },
  anywhere,
];

/** The shortcuts of the page at this path (only "?" itself where a page has none of its own). */
export function shortcutsForPath(pathname: string): ShortcutGroup[] {
  if (pathname.startsWith("/study/")) return study;
  if (/^\/quiz\/[^/]+$/.test(pathname)) return quiz;
  if (/^\/sim\/[^/]+$/.test(pathname) && pathname !== "/sim/scheduler") return replay;
  return [anywhere];
}
