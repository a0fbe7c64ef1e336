"use client";

import { useEffect } from "react";

type Props = { reportTimeZone: (timeZone: unknown) => Promise<{ ok: boolean }> };

/**
 * Rendered only while the learner has no time zone: sends the browser's once. The page is not
 * refreshed (that would disturb a study session or a half-filled form); the next request uses it.
 */
export function TimeZoneDetector({ reportTimeZone }: Props) {
  useEffect(() => {
    void reportTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [reportTimeZone]);
  return null;
}
