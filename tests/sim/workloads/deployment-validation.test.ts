// Deployment validation against pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment
// (both maxSurge and maxUnavailable 0 is refused, "0%" counting as 0), the 422 that
// staging/src/k8s.io/apimachinery/pkg/api/errors NewInvalid builds from it, and what kubectl's
// checkErr (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go) prints for it.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import { validate } from "@/lib/sim/apiserver/admission";
import { validateDeploymentStrategy } from "@/lib/sim/apiserver/deployment-validation";
import { kubectlError } from "@/lib/sim/cluster-components/kubectl-output";
import { container, deploymentOf, podSpec, template } from "@/lib/sim/scenarios/manifests";
import { REFUSED_TEXT } from "@/lib/sim/scenarios/rolling-update";
import type { IntOrPercent } from "@/lib/sim/objects/meta";

const rolling = (maxSurge: IntOrPercent, maxUnavailable: IntOrPercent) => ({
  type: "RollingUpdate" as const,
  maxSurge,
  maxUnavailable,
});
const web = (maxSurge: IntOrPercent, maxUnavailable: IntOrPercent) =>
  deploymentOf(
    "web",
    4,
    template({ app: "web" }, podSpec([container("web", "nginx:1.27")])),
    rolling(maxSurge, maxUnavailable),
  );
const admission = { defaultTolerationSeconds: 300, namespaces: ["default"] };

describe("ValidateRollingUpdateDeployment (pkg/apis/apps/validation/validation.go)", () => {
  it(
    "refuses maxUnavailable 0 beside maxSurge 0 on " +
      "spec.strategy.rollingUpdate.maxUnavailable, the value printed by IntOrString.String",
    () => {
      expect(validateDeploymentStrategy(rolling(0, 0))).toEqual([
        {
          field: "spec.strategy.rollingUpdate.maxUnavailable",
          value: "0",
          detail: "may not be 0 when `maxSurge` is 0",
        },
      ]);
      expect(validateDeploymentStrategy(rolling("0%", "0%"))).toEqual([
        {
          field: "spec.strategy.rollingUpdate.maxUnavailable",
          value: "0%",
          detail: "may not be 0 when `maxSurge` is 0",
        },
      ]);
      expect(validateDeploymentStrategy(rolling("0%", 0))).toHaveLength(1);
    },
  );

  it(
    "takes a percentage's own number (getIntOrPercentValue), so " +
      "10% is allowed even where it rounds down to 0 pods",
    () => {
      expect(validateDeploymentStrategy(rolling(0, "10%"))).toEqual([]);
      expect(validateDeploymentStrategy(rolling("0%", 1))).toEqual([]);
      expect(validateDeploymentStrategy(rolling(1, 0))).toEqual([]);
      expect(validateDeploymentStrategy({ type: "Recreate" })).toEqual([]);
      expect(validateDeploymentStrategy(undefined)).toEqual([]);
    },
  );

  it("answers 422 Invalid with the group-qualified kind and a FieldValueInvalid cause (errors.NewInvalid)", () => {
    expect(validate("deployments", web(0, 0), admission)).toEqual({
      status: 422,
      reason: "Invalid",
      message:
        'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: ' +
        "Invalid value: 0: may not be 0 when `maxSurge` is 0",
      details: {
        name: "web",
        group: "apps",
        kind: "Deployment",
        causes: [
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 0: may not be 0 when `maxSurge` is 0",
            field: "spec.strategy.rollingUpdate.maxUnavailable",
          },
        ],
      },
    });
    expect(validate("deployments", web("25%", 0), admission)).toBeNull();
  });

  it('is printed by kubectl as `The Deployment "web" is invalid: <field>: <cause>` (checkErr, MultilineError)', () => {
    const err = validate("deployments", web("0%", "0%"), admission)!;
    const body = {
      kind: "Status",
      status: "Failure",
      code: err.status,
      reason: err.reason,
      message: err.message,
      details: err.details,
    };
    expect(kubectlError(err.status, err.message, body, "10.0.0.10")).toBe(REFUSED_TEXT);
    expect(REFUSED_TEXT).toBe(
      'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: ' +
        "Invalid value: 0%: may not be 0 when `maxSurge` is 0",
    );
  });
});

describe("rolling-update scenario at maxSurge 0% and maxUnavailable 0%", () => {
  it("shows kubectl apply refused with 422, no Deployment stored and no ReplicaSet created", () => {
    const trace = runScenario("rolling-update", { maxSurgePercent: 0, maxUnavailablePercent: 0 }, 1);
    expect(trace.claims.map((c) => [c.id, c.passed])).toEqual([["refused-by-validation", true]]);
    const responses = trace.events.filter((e) => e.type === "api.response").map((e) => [e.verb, e.status, e.error]);
    expect(responses).toEqual([
      ["create", 422, REFUSED_TEXT],
      ["list", 200, null],
    ]);
    expect(trace.events.some((e) => e.type === "replicaset.created" || e.type === "pod.created")).toBe(false);
  });
});
