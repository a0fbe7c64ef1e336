import { podSize, podsPerRow, type Box } from "@/lib/replay/layout";
import type { PodView } from "@/lib/sim";

const phaseFill = {
  Running: "var(--review)",
  Pending: "var(--learning)",
  Terminating: "var(--danger)",
  Succeeded: "var(--ok)",
  Failed: "var(--danger)",
} as const;

/** A pod's short name: the random suffix that tells a Deployment's pods apart (web-654799c7f-x2k9p → x2k9p). */
function shortPodName(name: string): string {
  const parts = name.split("-");
  return parts.length > 2 ? `…${parts.at(-1)}` : name;
}

/** Pods as chips, coloured by phase; a pod that is not Ready is drawn hollow. */
export function PodChips({ area, pods }: { area: Box; pods: [string, PodView][] }) {
  const width = (area.w - (podsPerRow - 1) * 4) / podsPerRow;
  return (
    <g>
      {pods.map(([name, pod], index) => {
        const x = area.x + (index % podsPerRow) * (width + 4);
        const y = area.y + Math.floor(index / podsPerRow) * (podSize.height + 4);
        const fill = phaseFill[pod.phase];
        const isSolid = pod.phase === "Running" && pod.ready;
        return (
          <g key={name}>
            <title>
              {`${name}: ${pod.phase}${pod.ready ? ", Ready" : ", not Ready"}${pod.ip ? `, ${pod.ip}` : ""}` +
                (pod.restarts ? `, ${pod.restarts} restart${pod.restarts === 1 ? "" : "s"}` : "") +
                `${pod.reason ? ` (${pod.reason})` : ""}`}
            </title>
            <rect
              x={x}
              y={y}
              width={width}
              height={podSize.height}
              rx={11}
              fill={isSolid ? fill : "var(--surface)"}
              stroke={fill}
              strokeWidth={1.5}
              strokeDasharray={pod.reason === "CrashLoopBackOff" ? "4 3" : undefined}
            />
            <text
              x={x + width / 2}
              y={y + podSize.height / 2 + 4}
              textAnchor="middle"
              className={`text-[10px] font-medium ${isSolid ? "fill-[var(--accent-fg)]" : "fill-fg"}`}
            >
              {shortPodName(name)}
              {pod.restarts ? ` ↻${pod.restarts}` : ""}
            </text>
          </g>
        );
      })}
    </g>
  );
}
