// The deployment-vs-statefulset scenario's plan: the headless Service, StatefulSet db and Deployment web,
// and the kubectl steps (STEPS) that scale, delete a pod of each and change the image.
import { SMALL_SPEC } from "../cluster/spec";
import type { Params } from "../trace/types";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, serviceOf, statefulSetOf, template } from "./manifests";
import { boolParam, intParam, type Plan } from "./types";

export const STEPS = {
  create: 3000,
  scaleUp: 25_000,
  scaleDown: 42_000,
  deletePod: 58_000,
  setImage: 70_000,
  end: 100_000,
};

export function plan(p: Params): Plan {
  const n = intParam(p, "replicas");
  const policy = boolParam(p, "parallel") ? "Parallel" : "OrderedReady";
  const web = deploymentOf("web", n, template({ app: "web" }, podSpec([container("web", "nginx:1.27")])));
  const db = statefulSetOf(
    "db",
    n,
    template({ app: "db" }, podSpec([container("db", "nginx:1.27")])),
    policy,
    ["www"],
    intParam(p, "partition"),
  );
  const scale = (at: number, replicas: number) => [
    kubectlAt(at, "scale", { kind: "deployment", name: "web", replicas }),
    kubectlAt(at, "scale", { kind: "statefulset", name: "db", replicas }),
  ];
  return {
    cluster: SMALL_SPEC,
    script: [
      applyAt(
        STEPS.create,
        serviceOf("db", { app: "db" }, "None"),
        "db-service.yaml",
        "headless Service db (clusterIP: None)",
      ),
      applyAt(
        STEPS.create,
        db,
        "db-statefulset.yaml",
        `StatefulSet db, ${n} replicas, ${policy}, volumeClaimTemplate ` +
          `www${intParam(p, "partition") > 0 ? `, rollingUpdate.partition ${intParam(p, "partition")}` : ""}`,
      ),
      applyAt(STEPS.create, web, "web-deployment.yaml", `Deployment web, ${n} replicas`),
      ...scale(STEPS.scaleUp, intParam(p, "scaleUpTo")),
      ...scale(STEPS.scaleDown, intParam(p, "scaleDownTo")),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=web" }),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=db" }),
      kubectlAt(STEPS.setImage, "set-image", {
        kind: "deployment",
        name: "web",
        container: "web",
        image: "nginx:1.28",
      }),
      kubectlAt(STEPS.setImage, "set-image", { kind: "statefulset", name: "db", container: "db", image: "nginx:1.28" }),
      kubectlAt(STEPS.end - 1000, "get", { resource: "persistentvolumeclaims" }),
    ],
    durationMs: STEPS.end,
    marks: STEPS,
  };
}
