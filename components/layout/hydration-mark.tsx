"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * Sets `<html data-hydrated>` to the path once React has hydrated (or, after a client navigation,
 * rendered) that page and run its effects, so its listeners are attached. Rendered after the page
 * in the root layout, so its effect runs after the page's own. The e2e tests wait for it before
 * pressing keys, instead of waiting for the network to go quiet.
 */
export function HydrationMark() {
  const pathname = usePathname();
  useEffect(() => {
    document.documentElement.dataset.hydrated = pathname;
  }, [pathname]);
  return null;
}
