"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

// A page of the app renders on the server, in full, before it is shown: no skeleton hides its
// content (loading.tsx would stream a 200 before notFound() or a 401 could set the status, and
// leave the page blank without JavaScript). What a learner needs while it renders is to see that
// their click was taken: a bar along the top from the click on a link (or a GET form's submit)
// until the new URL is on screen.

/** The same-site URL a click on `target` navigates to, or null when it does not navigate here. */
function navigationTarget(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (
    !(anchor instanceof HTMLAnchorElement) ||
    (anchor.target && anchor.target !== "_self") ||
    anchor.hasAttribute("download")
  )
    return null;
  const url = new URL(anchor.href, window.location.href);
  return url.origin === window.location.origin ? url : null;
}

/** Where the browser is: the key a navigation started from. */
const locationKey = (pathname: string, search: string) => `${pathname}?${search.replace(/^\?/, "")}`;
const currentKey = () => locationKey(window.location.pathname, window.location.search);

/** The URL a GET form's submission opens. */
function formTarget(form: HTMLFormElement): URL {
  const url = new URL(form.action, window.location.href);
  url.search = new URLSearchParams([...new FormData(form)].map(([name, value]) => [name, String(value)])).toString();
  return url;
}

/** Longest the bar stays when a navigation never lands (a failed request leaves the old page). */
const giveUpMs = 15_000;

export function NavigationProgress() {
  const here = locationKey(usePathname(), useSearchParams().toString());
  // The location a navigation started from; the bar shows while the browser is still there.
  const [startedFrom, setStartedFrom] = useState<string | null>(null);
  // The new URL is on screen: the navigation is over (React's "adjust state when a prop changes").
  const [shown, setShown] = useState(here);
  if (shown !== here) {
    setShown(here);
    setStartedFrom(null);
  }

  useEffect(() => {
    let giveUp: number | undefined;
    const start = (url: URL) => {
      const from = currentKey();
      if (locationKey(url.pathname, url.search) === from) return;
      setStartedFrom(from);
      window.clearTimeout(giveUp);
      giveUp = window.setTimeout(() => setStartedFrom(null), giveUpMs);
    };
    const onClick = (event: MouseEvent) => {
      const url = navigationTarget(event);
      if (url) start(url);
    };
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement;
      if (!event.defaultPrevented && form.method.toLowerCase() === "get") start(formTarget(form));
    };
    // Back and forward render a page too; a navigation they cancel must not leave the bar behind.
    const onPopState = () => setStartedFrom(null);
    document.addEventListener("click", onClick, true); // capture: before next/link prevents the default
    document.addEventListener("submit", onSubmit);
    window.addEventListener("popstate", onPopState);
    return () => {
      window.clearTimeout(giveUp);
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit);
      window.removeEventListener("popstate", onPopState);
    };
  }, []);

  if (startedFrom !== here) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading the page"
      className="pointer-events-none fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-accent/20"
    >
      <div
        className={
          "h-full w-1/3 animate-[navigation-progress_1.1s_ease-in-out_infinite] " +
          "bg-accent motion-reduce:w-full motion-reduce:animate-pulse"
        }
      />
    </div>
  );
}
