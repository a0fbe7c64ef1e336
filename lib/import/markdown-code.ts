// Finds the code in Markdown (fenced blocks and inline code spans) so that the Q&A parser can
// look for `<details>`, headings and inline HTML only in prose: an answer whose code fence
// shows a `<details>` example must not open or close a block.
// Deliberately smaller than CommonMark: ``` and ~~~ fences (any indent, closed by the same
// character at least as long), inline spans within one line; indented code blocks are prose.

type MarkdownSegment = { isCode: boolean; start: number; end: number };

type MarkdownCode = {
  segments: MarkdownSegment[];
  /** 1-based lines of fences that never close (they swallow the rest of the file). */
  unclosedFenceLines: number[];
};

const fenceOpen = /^\s*(`{3,}|~{3,})([^\n]*)$/;

function inlineSegments(line: string, offset: number): MarkdownSegment[] {
  const runs = [...line.matchAll(/`+/g)].map((match) => ({ start: match.index, length: match[0].length }));
  // For each run, the next run of exactly the same length closes it: found right to left in one pass.
  const closer: Array<number | undefined> = [];
  const nextOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i -= 1) {
    closer[i] = nextOfLength.get(runs[i]!.length);
    nextOfLength.set(runs[i]!.length, i);
  }
  const segments: MarkdownSegment[] = [];
  let proseStart = 0;
  for (let i = 0; i < runs.length; i += 1) {
    const close = closer[i];
    const open = runs[i]!;
    if (close === undefined || open.start < proseStart) continue;
    const end = runs[close]!.start + runs[close]!.length;
    if (open.start > proseStart) segments.push({ isCode: false, start: offset + proseStart, end: offset + open.start });
    segments.push({ isCode: true, start: offset + open.start, end: offset + end });
    proseStart = end;
    i = close;
  }
  if (proseStart < line.length) segments.push({ isCode: false, start: offset + proseStart, end: offset + line.length });
  return segments;
}

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === trimmed[0]!.repeat(trimmed.length) && trimmed[0] === fence[0];
}

/** Appends a segment, merging adjacent prose so a prose-only file is one segment, not one per line. */
function pushSegment(segments: MarkdownSegment[], segment: MarkdownSegment): void {
  const last = segments[segments.length - 1];
  if (last && !last.isCode && !segment.isCode && last.end === segment.start) last.end = segment.end;
  else segments.push(segment);
}

/** Splits normalised ("\n") Markdown into alternating prose and code segments covering all of it. */
export function splitMarkdownCode(text: string): MarkdownCode {
  const segments: MarkdownSegment[] = [];
  const unclosedFenceLines: number[] = [];
  let fence: { marker: string; start: number; line: number } | undefined;
  let offset = 0;
  let lineNumber = 1;
  for (const line of text.split("\n")) {
    const lineEnd = offset + line.length + 1;
    if (fence) {
      if (isFenceClose(line, fence.marker)) {
        pushSegment(segments, { isCode: true, start: fence.start, end: Math.min(lineEnd, text.length) });
        fence = undefined;
      }
    } else {
      const open = fenceOpen.exec(line);
      if (open && !(open[1]!.startsWith("`") && open[2]!.includes("`"))) {
        fence = { marker: open[1]!, start: offset, line: lineNumber };
      } else {
        for (const segment of inlineSegments(line, offset)) pushSegment(segments, segment);
        if (lineEnd <= text.length) pushSegment(segments, { isCode: false, start: lineEnd - 1, end: lineEnd });
      }
    }
    offset = lineEnd;
    lineNumber += 1;
  }
  if (fence) {
    segments.push({ isCode: true, start: fence.start, end: text.length });
    unclosedFenceLines.push(fence.line);
  }
  return { segments, unclosedFenceLines };
}

/** Applies `transform` to the prose of `text` and leaves its code untouched. */
export function mapMarkdownProse(text: string, transform: (prose: string) => string): string {
  const { segments } = splitMarkdownCode(text);
  let result = "";
  let prose = "";
  for (const segment of segments) {
    const part = text.slice(segment.start, segment.end);
    if (segment.isCode) {
      result += transform(prose) + part;
      prose = "";
    } else {
      prose += part;
    }
  }
  return result + transform(prose);
}
