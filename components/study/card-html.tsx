/**
 * Card content rendered to HTML by lib/content/markdown.ts when content is seeded. The HTML comes
 * from our own Markdown through remark/rehype, which drop raw HTML, so it is safe to insert.
 */
export function CardHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose-card ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
