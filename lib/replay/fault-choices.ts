// What a learner can break at the playhead, per component clicked in the diagram: the faults of
// lib/sim/faults/schema.ts that apply to it at that moment, in the learner's words. Pure: the
// menu renders these, and applying one only adds its Fault to the URL (the server re-runs).
import { clusterHosts, type Fault, type Topology, type View } from "@/lib/sim";

type KubectlFaultParams = Extract<Fault, { kind: "kubectl" }>["params"];

/** A component picked in the diagram: a process (its id and kind) or a whole machine (kind "host"). */
export type FaultTarget = { id: string; kind: string; host: string };

/** A fault applied at once, or a small form that builds one (which hosts, which link, how many). */
export type FaultChoice =
  | { id: string; label: string; fault: Fault }
  | { id: string; label: string; form: "partition-set" | "link" | "scale"; subject: string };

/** Processes a learner can stop, crash and restart: the control plane and the kubelets. */
const breakableKinds = new Set(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet"]);

export function targetLabel(target: FaultTarget): string {
  return target.kind === "host" ? `machine ${target.id}` : target.id;
}

/** Cuts `hosts` off from every other machine of the cluster (the rest stay connected). */
export function partitionFault(atMs: number, hosts: string[]): Fault {
  return { atMs, kind: "partition", groups: [[...hosts].sort()] };
}

/** Extra delay and loss on the link between two machines. */
export function linkFault(atMs: number, a: string, b: string, delayMs: number, lossPercent: number): Fault {
  return { atMs, kind: "link", targets: [a, b], params: { delayMs, dropPer1000: Math.round(lossPercent * 10) } };
}

/** A command the cluster's kubectl issues at `atMs`. */
export function kubectlFault(atMs: number, params: KubectlFaultParams): Fault {
  return { atMs, kind: "kubectl", params };
}

/** Deployments that exist at the playhead, by name, for kubectl scale and rollout restart. */
function deploymentsOf(view: View): string[] {
  const names = Object.values(view.replicasets).flatMap((rs) => (rs.deployment ? [rs.deployment] : []));
  return [...new Set(names)].sort();
}

/** A process on a machine with no power has only its machine's faults (power on). */
function processChoices(target: FaultTarget, view: View, atMs: number): FaultChoice[] {
  if (!(view.hosts[target.host]?.up ?? true)) return [];
  const isUp = view.procs[target.id]?.up ?? false;
  const restart: FaultChoice = {
    id: "restart",
    label: isUp ? `Restart ${target.id}` : `Start ${target.id} again`,
    fault: { atMs, kind: "restart", target: target.id },
  };
  if (!isUp) return [restart];
  return [
    { id: "stop", label: `Stop ${target.id} (clean shutdown)`, fault: { atMs, kind: "stop", target: target.id } },
    { id: "crash", label: `Crash ${target.id} (killed at once)`, fault: { atMs, kind: "crash", target: target.id } },
    restart,
  ];
}

function hostChoices(host: string, view: View, atMs: number): FaultChoice[] {
  const isUp = view.hosts[host]?.up ?? true;
  const choices: FaultChoice[] = [
    isUp
      ? { id: "power-off", label: `Power off ${host}`, fault: { atMs, kind: "power-off", target: host } }
      : { id: "power-on", label: `Power on ${host}`, fault: { atMs, kind: "power-on", target: host } },
    { id: "partition", label: `Cut ${host} off from the rest`, fault: partitionFault(atMs, [host]) },
    { id: "partition-set", label: `Partition ${host} and others…`, form: "partition-set", subject: host },
    { id: "link", label: `Slow or lossy link from ${host}…`, form: "link", subject: host },
  ];
  if (view.partitions.length > 0)
    choices.push({ id: "heal", label: "Heal the network (all partitions and links)", fault: { atMs, kind: "heal" } });
  if (view.nodes[host]) {
    const isCordoned = view.nodes[host].taints.some((taint) => taint.includes("unschedulable"));
    const cordon = isCordoned ? "uncordon" : "cordon";
    choices.push(
      { id: cordon, label: `kubectl ${cordon} ${host}`, fault: kubectlFault(atMs, { command: cordon, node: host }) },
      { id: "drain", label: `kubectl drain ${host}`, fault: kubectlFault(atMs, { command: "drain", node: host }) },
    );
  }
  return choices;
}

function kubectlChoices(view: View, atMs: number, onNode: string | null): FaultChoice[] {
  const choices: FaultChoice[] = [];
  if (onNode === null) {
    for (const name of deploymentsOf(view))
      choices.push(
        { id: `scale:${name}`, label: `kubectl scale deployment ${name}…`, form: "scale", subject: name },
        {
          id: `rollout-restart:${name}`,
          label: `kubectl rollout restart deployment/${name}`,
          fault: kubectlFault(atMs, { command: "rollout-restart", deployment: name }),
        },
      );
  }
  const pods = Object.entries(view.pods)
    .filter(([, pod]) => pod.phase !== "Terminating" && (onNode === null || pod.node === onNode))
    .map(([name]) => name)
    .sort();
  for (const name of pods)
    choices.push({
      id: `delete-pod:${name}`,
      label: `kubectl delete pod ${name}`,
      fault: kubectlFault(atMs, { command: "delete-pod", pod: name }),
    });
  return choices;
}

/**
 * The faults that apply to `target` at `atMs`, given the cluster as drawn there: stop, crash or
 * restart a control-plane process or kubelet; power a machine off or on, cut it off (alone or with
 * others), degrade a link, heal the network; and, on the admin's laptop or a node, the kubectl
 * commands that have something to act on (scale or restart a Deployment, delete a pod, cordon, uncordon or
 * drain a node). Pure.
 */
export function faultChoices(target: FaultTarget, topology: Topology, view: View, atMs: number): FaultChoice[] {
  if (target.kind === "kubectl") return kubectlChoices(view, atMs, null);
  if (target.kind === "host") {
    if (!clusterHosts(topology).includes(target.id)) return []; // the admin's laptop, the users: not the cluster
    const onNode = view.nodes[target.id] ? kubectlChoices(view, atMs, target.id) : [];
    return [...hostChoices(target.id, view, atMs), ...onNode];
  }
  if (!breakableKinds.has(target.kind)) return [];
  const isAlone = topology.processes.filter((p) => p.host === target.host && p.kind !== "containerd").length === 1;
  const machine = isAlone ? hostChoices(target.host, view, atMs) : [];
  return [...processChoices(target, view, atMs), ...machine];
}

/** A fault in words, for its chip: "crash etcd-2", "partition {etcd-1} from the rest", "kubectl drain node-1". */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case "partition":
      return fault.groups.length === 1
        ? `partition {${fault.groups[0]!.join(", ")}} from the rest`
        : `partition ${fault.groups.map((group) => `{${group.join(", ")}}`).join(" | ")}`;
    case "heal":
      return "heal the network";
    case "link":
      return (
        `link ${fault.targets[0]}–${fault.targets[1]}: ` +
        `+${fault.params.delayMs} ms, ${fault.params.dropPer1000 / 10}% lost`
      );
    case "kubectl":
      return describeKubectl(fault.params);
    case "restart":
      return fault.params?.downMs
        ? `restart ${fault.target} after ${fault.params.downMs / 1000} s down`
        : `restart ${fault.target}`;
    default:
      return `${fault.kind} ${fault.target}`;
  }
}

function describeKubectl(params: KubectlFaultParams): string {
  switch (params.command) {
    case "scale":
      return `kubectl scale deployment ${params.deployment} --replicas=${params.replicas}`;
    case "rollout-restart":
      return `kubectl rollout restart deployment/${params.deployment}`;
    case "delete-pod":
      return `kubectl delete pod ${params.pod}`;
    default:
      return `kubectl ${params.command} ${params.node}`;
  }
}
