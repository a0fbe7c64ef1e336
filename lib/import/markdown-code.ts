// Finds the code in Markdown (fenced blocks and inline code spans) so that the Q&A parser can
// look for `<details>`, headings and inline HTML only in prose: an answer whose code fence
// shows a `<details>` example must not open or close a block.
// Deliberately smaller than CommonMark: ``` and ~~~ fences (any indent, closed by the same
// character at least as long), inline spans within one line; indented code blocks are prose.

export type MarkdownSegment = { isCode: boolean; start: number; end: number };

export type MarkdownCode = {
  segments: MarkdownSegment[];
  /** 1-based lines of fences that never close (they swallow the rest of the file). */
  unclosedFenceLines: number[];
};

const fenceOpen = /^\s*(`{3,}|~{3,})([^\n]*)$/;

function inlineSegments(line: string, offset: number): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  const ticks = /`+/g;
  let proseStart = 0;
  for (let match = ticks.exec(line); match; match = ticks.exec(line)) {
    const run = match[0];
    let close = line.indexOf(run, match.index + run.length);
    // A closing run must be exactly as long as the opening one.
    while (close !== -1 && line[close + run.length] === "`") close = line.indexOf(run, close + run.length + 1);
    if (close === -1) continue;
    if (match.index > proseStart) segments.push({ isCode: false, start: offset + proseStart, end: offset + match.index });
    segments.push({ isCode: true, start: offset + match.index, end: offset + close + run.length });
    proseStart = close + run.length;
    ticks.lastIndex = proseStart;
  }
  if (proseStart < line.length) segments.push({ isCode: false, start: offset + proseStart, end: offset + line.length });
  return segments;
}

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === trimmed[0]!.repeat(trimmed.length) && trimmed[0] === fence[0];
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
        segments.push({ isCode: true, start: fence.start, end: Math.min(lineEnd, text.length) });
        fence = undefined;
      }
    } else {
      const open = fenceOpen.exec(line);
      if (open && !(open[1]!.startsWith("`") && open[2]!.includes("`"))) {
        fence = { marker: open[1]!, start: offset, line: lineNumber };
      } else {
        segments.push(...inlineSegments(line, offset));
        if (lineEnd <= text.length) segments.push({ isCode: false, start: lineEnd - 1, end: lineEnd });
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
