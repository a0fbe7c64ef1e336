import { NextResponse, type NextRequest } from "next/server";

// A strict Content-Security-Policy with a fresh nonce per request, in the shape Next's CSP guide
// documents for `proxy.ts`: the policy goes on the request (Next reads the nonce from it and puts
// it on its own scripts) and on the response (the browser enforces it), and the nonce alone on
// the request as `x-nonce` for our layout (next-themes' inline script carries it).
// Choices:
// - script-src: the nonce and 'strict-dynamic' (Next's chunks are loaded by nonced scripts), so no
//   inline script, event handler or javascript: URL from card HTML runs. `next dev` also needs
//   'unsafe-eval' (React's dev tooling); a production server never sends it.
// - style-src: 'self' (Tailwind's and next/font's CSS files) and the nonce (next-themes' <style>
//   that pauses transitions), so a card cannot add a <style> element. style-src-attr allows
//   inline style *attributes*: React renders style props as attributes, and Shiki colours code
//   with CSS variables in them. An attribute cannot load anything (img-src and font-src are
//   'self') and cannot run script, so this keeps the app working without opening a hole.
// - img-src 'self' data:: no remote image ever loads (imported cards' rule, also enforced by
//   the sanitiser); data: for inline icons.
// - object-src 'none', base-uri 'none', frame-ancestors 'none', form-action 'self'.

/** Request header that carries this request's nonce to server components. */
export const nonceHeaderName = "x-nonce";

/** 16 random bytes, base64: unguessable and new for every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDevelopment ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * NextResponse.next() for this request, carrying a new nonce and its policy. Call it after any
 * change to the request's cookies, so they travel with the request headers it copies.
 */
export function nextWithContentSecurityPolicy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(nonceHeaderName, nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}
