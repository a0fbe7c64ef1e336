"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";

const order = ["system", "light", "dark"] as const;
const icons = { system: Monitor, light: Sun, dark: Moon };

/** Cycles system → light → dark. Renders a neutral icon until mounted, to avoid a hydration mismatch. */
export function ThemeToggle() {
  const { theme = "system", setTheme } = useTheme();
  const isMounted = useIsHydrated();
  const current = (isMounted ? theme : "system") as (typeof order)[number];
  const next = order[(order.indexOf(current) + 1) % order.length]!;
  const Icon = icons[current] ?? Monitor;
  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      className="grid size-9 place-items-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={`Theme: ${current}. Switch to ${next}.`}
      title={`Theme: ${current}`}
    >
      <Icon className="size-4" aria-hidden="true" />
    </button>
  );
}
