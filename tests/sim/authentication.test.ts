// Authentication as kubeadm sets it up: kubectl's admin.conf, the controllers and the kubelets
// present client certificates signed by the cluster CA (user = CN, groups = O; x509.go), in-cluster
// clients service-account tokens; anything else is a 401.
import { describe, expect, it } from "vitest";
import { authenticate, clientCert } from "@/lib/sim/apiserver/authn";
import { AUTHN, CREDENTIALS, kubeletCredential } from "@/lib/sim/cluster/policy";
import { k8sCluster } from "./harness";

describe("authentication", () => {
  it("takes the user from a client certificate's CN and the groups from its O, adding system:authenticated", () => {
    expect(authenticate(AUTHN, CREDENTIALS.admin)).toEqual({
      user: { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] },
      how: "x509 client certificate: CN=kubernetes-admin, O=kubeadm:cluster-admins",
    });
    expect(authenticate(AUTHN, kubeletCredential("node-2"))?.user).toEqual({
      name: "system:node:node-2",
      groups: ["system:nodes", "system:authenticated"],
    });
  });

  it("rejects a certificate some other CA signed, and an unknown token", () => {
    expect(authenticate(AUTHN, clientCert("kubernetes-admin", ["system:masters"], "evil-ca"))).toBeNull();
    expect(authenticate(AUTHN, { kind: "bearer", token: "guess" })).toBeNull();
    expect(authenticate(AUTHN, null)).toBeNull();
  });

  it("knows in-cluster clients by their service-account tokens", () => {
    expect(authenticate(AUTHN, CREDENTIALS.web)?.how).toBe(
      "service account token: user system:serviceaccount:default:web, groups " +
        "system:serviceaccounts, system:serviceaccounts:default, system:authenticated",
    );
  });

  it(
    "traces kubectl's admin.conf as an x509 user allowed by RBAC, and " +
      "super-admin.conf as system:masters that no authorizer is asked about",
    () => {
      const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, traceRequestFlow: true }, 3).runUntil(
        (x) => x.events("leader-election.acquired").length >= 2,
        20_000,
      );
      h.kubectl("create", { name: "a" }).kubectl("create", { name: "b", as: "super-admin" }).runFor(2000);
      const stage = (user: string, name: string) =>
        h.events("api.stage").find((e) => e.user === user && e.stage === name)?.detail;
      expect(stage("kubernetes-admin", "authentication")).toBe(
        "x509 client certificate: CN=kubernetes-admin, O=kubeadm:cluster-admins",
      );
      expect(stage("kubernetes-admin", "authorization")).toBe(
        'RBAC: allowed by binding "kubeadm:cluster-admins" of role "cluster-admin"',
      );
      expect(stage("kubernetes-super-admin", "authentication")).toBe(
        "x509 client certificate: CN=kubernetes-super-admin, O=system:masters",
      );
      expect(stage("kubernetes-super-admin", "authorization")).toMatch(/^system:masters: /);
      expect(h.events("api.response").map((e) => e.status)).toEqual([201, 201]);
    },
  );
});
