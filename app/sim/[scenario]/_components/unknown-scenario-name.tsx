"use client";

import { usePathname } from "next/navigation";

/**
 * The scenario id the learner asked for, read from the address: a not-found page receives no
 * params (Next's not-found.js takes no props), and usePathname is what the docs offer instead.
 */
export function UnknownScenarioName() {
  const segment = usePathname().split("/").at(-1) ?? "";
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // A malformed escape: show the segment as it came.
  }
  return <>{name}</>;
}
