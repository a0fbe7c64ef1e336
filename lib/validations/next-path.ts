// Where to go after signing in, taken from a `next` or `callbackUrl` parameter: a path on this site
// only. The decision is made on the URL as a browser would parse it, not on the raw string, because
// browsers strip tabs and newlines and read "\" as "/" (so "/\t/evil.example" is "//evil.example").

const probeOrigin = "http://x.invalid";
const fallbackPath = "/";
// C0 controls, DEL and the C1 controls; any of them in a path is an attack or a mistake.
const controlOrBackslash = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * A same-origin absolute path ("/study/k8s?card=x") for `next`, or "/" for anything else: other
 * hosts, protocol-relative or backslash tricks, control characters, non-strings. A repeated query
 * parameter (an array) uses its first value.
 */
export function safeNextPath(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== "string" || !value.startsWith("/") || controlOrBackslash.test(value)) return fallbackPath;
  let url: URL;
  try {
    url = new URL(value, probeOrigin);
  } catch {
    return fallbackPath;
  }
  if (url.origin !== probeOrigin) return fallbackPath;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" normalizes to the path "//evil", which a browser would read as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallbackPath;
  return path;
}
