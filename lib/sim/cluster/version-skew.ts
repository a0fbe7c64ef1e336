// The version-skew policy (kubernetes.io/releases/version-skew-policy): a kubelet may be up to three
// minor versions older than kube-apiserver and never newer. The API server does not enforce it: it
// accepts a node of any kubelet version. kubeadm checks it only in the preflight of init and join
// (cmd/kubeadm/app/preflight/checks.go, KubeletVersionCheck: "the kubelet version is higher than the
// control plane version"), so a kubelet package upgraded in place past the control plane registers
// and runs, unsupported. kubeadm's upgrade guide therefore upgrades the control plane first, then
// each worker's kubelet, after draining it.

/** The control plane's version in the scenarios that speak of versions (the engine models v1.35). */
export const API_SERVER_VERSION = "v1.35.0";

/** The minor of "v1.35.0". Pure. */
export function minorOf(version: string): number {
  const m = /^v?1\.(\d+)\./.exec(version);
  if (m === null) throw new RangeError(`not a v1.x.y version: ${version}`);
  return Number(m[1]);
}

export type KubeletSkew = "supported" | "too-old" | "newer";

/** Where a kubelet stands against the API server under the policy. Pure. */
export function kubeletSkew(apiServer: string, kubelet: string): KubeletSkew {
  const behind = minorOf(apiServer) - minorOf(kubelet);
  return behind < 0 ? "newer" : behind > 3 ? "too-old" : "supported";
}

/**
 * The fatal errors of `kubeadm upgrade apply <target>` for a cluster at `cluster` with a kubeadm
 * binary of `kubeadm` (cmd/kubeadm/app/phases/upgrade/policy.go, EnforceVersionPolicies, the
 * mandatory ones for released versions): kubeadm upgrades one minor at a time and never past its
 * own minor. Empty when the upgrade may go ahead. Pure.
 */
export function kubeadmUpgradeErrors(cluster: string, target: string, kubeadm: string): string[] {
  const errors: string[] = [];
  if (minorOf(target) > minorOf(cluster) + 1)
    errors.push(
      `Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`,
    );
  if (minorOf(target) > minorOf(kubeadm))
    errors.push(
      `Specified version to upgrade to "${target}" is at least one minor release higher than the kubeadm ` +
        `minor release (${minorOf(target)} > ${minorOf(kubeadm)}). Such an upgrade is not supported`,
    );
  return errors;
}
