"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FaultTarget } from "@/lib/replay/fault-choices";
import { hrefWithFaults } from "@/lib/replay/fault-url";
import { targetKey } from "./fault-targets";
import { FAULTS_MAX, type Fault } from "@/lib/sim";

/**
 * The fault lab's state in the player: the component picked in the diagram (its menu open) and the
 * changes to the run's fault list. A change goes into the URL, with the playhead, and the server
 * runs the scenario again from it; nothing is simulated in the browser.
 */
export function useFaultLab(faults: readonly Fault[], t: number) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [picked, setPicked] = useState<{ target: FaultTarget; anchor: Element } | null>(null);

  function navigate(next: readonly Fault[], at: number) {
    setPicked(null);
    startTransition(() => router.push(hrefWithFaults(window.location.href, next, at), { scroll: false }));
  }

  return {
    picked,
    isPending,
    isFull: faults.length >= FAULTS_MAX,
    picker: {
      pick: (target: FaultTarget, anchor: Element) => setPicked({ target, anchor }),
      pickedKey: picked ? targetKey(picked.target) : null,
    },
    close: () => setPicked(null),
    add: (fault: Fault) => navigate([...faults, fault], t),
    remove: (index: number) => navigate(faults.toSpliced(index, 1), t),
  };
}
