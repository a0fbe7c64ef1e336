// Learner-facing trace records for leader election, shared by the controller manager and scheduler.
import type { Ctx } from "../core/component";
import type { ElectorConfig, ElectorEvent } from "../client/leader-election";
import { secs } from "../objects/helpers";

export function announce(e: ElectorEvent, identity: string, cfg: ElectorConfig, role: string, ctx: Ctx): void {
  const lease = `${cfg.namespace}/${cfg.name}`;
  switch (e.kind) {
    case "acquired":
      ctx.trace(
        "leader-election.acquired",
        `${ctx.self} acquired the Lease ${lease} (identity ${identity}) and is now the active ${role}.`,
        { lease, identity },
      );
      return;
    case "lost":
      ctx.trace(
        "leader-election.lost",
        `${ctx.self} could not renew the Lease ${lease} within the ${secs(cfg.renewDeadlineMs)} renew ` +
          `deadline: it stops leading and exits ("leaderelection lost"); its kubelet restarts it.`,
        { lease, identity },
      );
      return;
    case "observed":
      ctx.trace(
        "leader-election.standby",
        `${ctx.self} is on standby: the Lease ${lease} is held by ${e.holder}; it polls every ` +
          `${secs(cfg.retryPeriodMs)} and may take over ${secs(cfg.leaseDurationMs)} after the holder stops ` +
          "renewing.",
        {
          lease,
          holder: e.holder,
        },
      );
      return;
  }
}
