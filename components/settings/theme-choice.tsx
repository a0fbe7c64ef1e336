"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { ChoiceChip } from "@/components/ui/choice-chip";

const subscribe = () => () => {};
/** next-themes' theme names, with what the learner reads. */
const themeLabels = { system: "Match the system", light: "Light", dark: "Dark" };

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
        {Object.entries(themeLabels).map(([value, label]) => (
          <ChoiceChip
            key={value}
            size="large"
            type="radio"
            name="theme"
            value={value}
            checked={isMounted && theme === value}
            onChange={() => setTheme(value)}
          >
            {label}
          </ChoiceChip>
        ))}
      </div>
    </fieldset>
  );
}
