import { useState } from "react";

/**
 * A set held in state, with `toggle` adding a member that is absent and removing one that is present.
 * `setMembers` replaces the whole set (select all, clear).
 */
export function useToggleSet<T>(initial: Iterable<T> = []) {
  const [members, setMembers] = useState<ReadonlySet<T>>(() => new Set(initial));
  const toggle = (member: T) =>
    setMembers((current) => {
      const next = new Set(current);
      if (!next.delete(member)) next.add(member);
      return next;
    });
  return { members, toggle, setMembers };
}
