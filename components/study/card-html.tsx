/**
 * Card HTML as stored: rendered by lib/content/markdown.ts (content and imported Markdown) or an
 * imported Anki field, and in both cases passed through lib/security/sanitize-card-html.ts when it
 * was written, so it is safe to insert. The CSP (lib/security/content-security-policy.ts) is the
 * second line: no inline script, javascript: URL or remote image would run or load anyway.
 */
export function CardHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose-card ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
