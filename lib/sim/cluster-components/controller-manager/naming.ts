// Names the way Kubernetes makes them: pod-template-hash is a 32-bit hash of the template rendered
// through rand.SafeEncodeString, and generated suffixes are 5 characters from the same alphabet
// without vowels (k8s-facts §6.1). The hash is FNV-1a of canonical (key-sorted) JSON, not Go's byte-exact one.
import { fnv1a } from "../../core/hash";
import type { Rng } from "../../core/rng";

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

function safeEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level: the same template always gives the same text. Pure. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

// A memo keyed by the template object: informer objects are immutable and shared between steps,
// so the same template is hashed once instead of on every reconcile. Not world state.
const memo = new WeakMap<object, string>();

/** The pod-template-hash: FNV-1a of the canonical template, as a decimal string run through SafeEncodeString. Pure. */
export function templateHash(template: object): string {
  const hit = memo.get(template);
  if (hit !== undefined) return hit;
  const hash = safeEncode(String(fnv1a(canonicalJson(template))));
  memo.set(template, hash);
  return hash;
}

export function randomSuffix(rng: Rng): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return out;
}
