import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

// Passwords are hashed with argon2id (the library's defaults follow OWASP's minimum: 19 MiB,
// 2 iterations) and must be long and not guessable: zxcvbn-ts scores them against common
// passwords, names, keyboard patterns and the learner's own email.

export const minPasswordLength = 10;
const minStrengthScore = 3; // zxcvbn: 3 = "safely unguessable: moderate protection from offline attacks"

let estimator: ZxcvbnFactory | undefined;

function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Words every Quorum password is checked against, after the learner's own. */
const siteWords = ["quorum", "kubernetes"];

/**
 * Null when the password is strong enough, else what to do about it. `userInputs`: the learner's email, name and the
 * like.
 */
export function passwordWeakness(password: string, userInputs: string[]): string | null {
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  const result = getEstimator().check(password.slice(0, 100), [...userInputs, ...siteWords]);
  if (result.score >= minStrengthScore) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess. ${advice || "Add more words or characters."}`.trim();
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A real hash of nothing in particular: verifying against it costs what a real check costs. */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
  decoyHash ??= hash("quorum-decoy-password-never-used");
  return decoyHash;
}
