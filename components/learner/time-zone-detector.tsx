"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

type Props = { reportTimeZone: (timeZone: unknown) => Promise<{ ok: boolean }> };

/** Rendered only while the learner has no time zone: sends the browser's, then re-renders. */
export function TimeZoneDetector({ reportTimeZone }: Props) {
  const router = useRouter();
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    void reportTimeZone(timeZone).then((result) => {
      if (result.ok) router.refresh();
    });
  }, [reportTimeZone, router]);
  return null;
}
