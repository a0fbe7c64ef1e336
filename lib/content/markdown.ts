import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { createHighlighter, type Highlighter } from "shiki";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { sanitizeCardTree } from "@/lib/security/sanitize-card-html";

// Markdown → HTML on the server, with GitHub tables and Shiki highlighting in light and dark
// themes (CSS variables pick one). Raw HTML in the Markdown is dropped, not passed through, and
// the tree passes the same allow-list as imported HTML (sanitizeCardTree) before our own
// trusted steps (link targets, Shiki's inline colour variables) are added: a Markdown link or
// image is user input too (`[x](javascript:…)`, `<javascript:…>`, `![x](https://…)`).

/** Bump when the output changes, so a re-seed re-renders every card. */
export const markdownRendererVersion = 2;

const languages = ["yaml", "shellscript", "go", "json", "typescript", "text"] as const;
const languageAliases: Record<string, string> = {
  sh: "shellscript",
  bash: "shellscript",
  shell: "shellscript",
  console: "shellscript",
  yml: "yaml",
  ts: "typescript",
};

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({
    themes: ["github-light", "github-dark"],
    langs: [...languages],
    langAlias: languageAliases,
  });
  return highlighter;
}

/** Renders a card's Markdown to HTML. Pure apart from the highlighter, which is loaded once. */
export async function renderMarkdown(markdown: string): Promise<string> {
  const highlighter = await getHighlighter();
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(() => sanitizeCardTree)
    .use(rehypeExternalLinks)
    .use(() =>
      rehypeShikiFromHighlighter(highlighter, {
        themes: { light: "github-light", dark: "github-dark" },
        defaultColor: false,
        fallbackLanguage: "text",
        defaultLanguage: "text",
      }),
    )
    .use(rehypeStringify);
  return String(await processor.process(markdown));
}

/** Renders a short Markdown text (a choice, a step) without the paragraph around it. */
export async function renderInlineMarkdown(markdown: string): Promise<string> {
  const html = (await renderMarkdown(markdown)).trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes("<p>") ? single[1]! : html;
}

/** Links to other sites open in a new tab and carry no referrer. */
function rehypeExternalLinks() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      const href = node.properties?.href;
      if (node.tagName === "a" && typeof href === "string" && /^https?:\/\//.test(href)) {
        node.properties.target = "_blank";
        node.properties.rel = ["noopener", "noreferrer"];
      }
    });
  };
}
