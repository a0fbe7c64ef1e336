"use client";

import { useEffect } from "react";
import { timeZoneCookieMaxAgeSeconds, timeZoneCookieName } from "@/lib/learner/time-zone-cookie";

type Props = {
  /** Stores the zone in the learner's settings; absent for a guest with no row yet (the cookie carries it). */
  reportTimeZone?: (timeZone: unknown) => Promise<{ ok: boolean }>;
};

/**
 * Rendered only while the learner has no stored time zone: puts the browser's in a cookie that
 * the server reads until then, and stores it once the learner exists. The page is not refreshed
 * (that would disturb a study session or a half-filled form); the next request uses it.
 */
export function TimeZoneDetector({ reportTimeZone }: Props) {
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.cookie =
      `${timeZoneCookieName}=${encodeURIComponent(timeZone)}; path=/; ` +
      `max-age=${timeZoneCookieMaxAgeSeconds}; samesite=lax`;
    if (reportTimeZone) void reportTimeZone(timeZone);
  }, [reportTimeZone]);
  return null;
}
