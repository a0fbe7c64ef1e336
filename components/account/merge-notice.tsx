"use client";

import { useEffect, useState } from "react";
import { describeMergeNotice, mergeNoticeCookieName } from "@/lib/learner/merge-notice";

/** After sign-in or sign-up: says once how much guest progress moved into the account. */
export function MergeNotice() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const value = document.cookie
      .split("; ")
      .find((pair) => pair.startsWith(`${mergeNoticeCookieName}=`))
      ?.slice(mergeNoticeCookieName.length + 1);
    if (value === undefined) return;
    document.cookie = `${mergeNoticeCookieName}=; path=/; max-age=0; samesite=lax`;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the cookie exists only in the browser
    setMessage(describeMergeNotice(value));
  }, []);
  if (!message) return null;
  return (
    <p role="status" className="mb-4 rounded-md border border-line bg-surface p-3 text-sm">
      {message}{" "}
      <button type="button" onClick={() => setMessage(null)} className="font-medium text-accent hover:underline">
        Dismiss
      </button>
    </p>
  );
}
