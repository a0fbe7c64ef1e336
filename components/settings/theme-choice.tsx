"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const themes = [
  { value: "system", label: "Match the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
] as const;

/** Light, dark or the system's choice; kept in this browser. */
export function ThemeChoice() {
  const { theme = "system", setTheme } = useTheme();
  const isMounted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return (
    <fieldset className="space-y-3 rounded-xl border border-line bg-surface p-5">
      <legend className="float-left mb-3 font-semibold">Theme</legend>
      <div className="clear-left flex flex-wrap gap-2">
        {themes.map(({ value, label }) => (
          <label
            key={value}
            className={
              "flex cursor-pointer items-center gap-2 rounded-md border border-line px-3 " +
              "py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
            }
          >
            <input
              type="radio"
              name="theme"
              value={value}
              checked={isMounted && theme === value}
              onChange={() => setTheme(value)}
              className="accent-[var(--accent)]"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
