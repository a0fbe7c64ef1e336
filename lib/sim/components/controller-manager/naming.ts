// Names the way Kubernetes makes them: pod-template-hash is a 32-bit hash of the template rendered
// through rand.SafeEncodeString, and generated suffixes are 5 characters from the same alphabet
// without vowels (k8s-facts §6.1). The hash here is FNV-1a of canonical JSON, not Go's byte-exact one.
import { fnv1a } from "../../core/hash";
import type { Rng } from "../../core/rng";

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export function safeEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

export function templateHash(template: unknown): string {
  return safeEncode(String(fnv1a(JSON.stringify(template))));
}

export function randomSuffix(rng: Rng): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return out;
}
