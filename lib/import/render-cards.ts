import { renderMarkdown } from "@/lib/content/markdown";
import type { ImportedCard } from "./types";

// Parsed cards rendered to the HTML they are stored with. The renderer is a parameter so that the
// app (lib/data/imports.ts, rendering in the worker pool) and the command line (scripts/import.ts,
// rendering in process) share this code.

/** Cards rendered per batch: a batch is one pool job, so other work interleaves between batches. */
const renderBatchSize = 200;

export type RenderedCard = ImportedCard & { promptHtml: string; answerHtml: string };
export type RenderBatch = (
  sources: string[],
) => Promise<{ ok: true; value: string[] } | { ok: false; message: string }>;

/** Renders in this process: for the command line, where no request waits on the event loop. */
export const renderInProcess: RenderBatch = async (sources) => {
  const html: string[] = [];
  for (const source of sources) html.push(await renderMarkdown(source));
  return { ok: true, value: html };
};

/** Renders the Markdown cards' two sides in batches (HTML cards are already sanitised HTML). */
export async function renderImportedCards(
  cards: ImportedCard[],
  render: RenderBatch,
): Promise<{ ok: true; cards: RenderedCard[] } | { ok: false; message: string }> {
  const rendered: RenderedCard[] = [];
  for (let start = 0; start < cards.length; start += renderBatchSize) {
    const batch = cards.slice(start, start + renderBatchSize);
    const markdown = batch.filter((card) => card.format === "markdown");
    const html = await render(markdown.flatMap((card) => [card.front, card.back]));
    if (!html.ok) return html;
    let next = 0;
    for (const card of batch) {
      if (card.format === "html") rendered.push({ ...card, promptHtml: card.front, answerHtml: card.back });
      else rendered.push({ ...card, promptHtml: html.value[next++]!, answerHtml: html.value[next++]! });
    }
  }
  return { ok: true, cards: rendered };
}
