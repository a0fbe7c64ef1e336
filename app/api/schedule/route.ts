// POST /api/schedule – runs one kube-scheduler cycle on posted manifests and explains it per plugin.
// Body: { nodes: string, pod: string, pods?: string, config?: string } (YAML or JSON text each).
// 200 → the stable schedule JSON (docs/schedule-cli.md); 400 malformed body; 413 a field over the
// size limit; 422 a manifest error naming the document and field; 429 with Retry-After when the
// worker pool is full or the learner's rate limit is reached (the cycle runs in lib/pool).
import { z } from "zod";
import { clock } from "@/lib/clock";
import { requestLog } from "@/lib/ops/request-log";
import { refusalResponse, runInPool, takeHeavyJobAllowance } from "@/lib/pool/heavy-job";
import { rateKeyOf } from "@/lib/pool/request-learner";
import { formatInputError } from "@/lib/sim/scheduler-framework";

const MAX_FIELD_BYTES = 256 * 1024;
const MAX_BODY_BYTES = 4 * MAX_FIELD_BYTES + 4096;

const encoder = new TextEncoder();

const manifestText = (field: string) =>
  z
    .string({ error: `${field} must be a string of YAML or JSON` })
    .refine((text) => encoder.encode(text).length <= MAX_FIELD_BYTES, {
      message: `${field} is larger than ${MAX_FIELD_BYTES / 1024} KB`,
      params: { tooLarge: true },
    });

const scheduleRequestSchema = z.strictObject({
  nodes: manifestText("nodes"),
  pod: manifestText("pod"),
  pods: manifestText("pods").optional(),
  config: manifestText("config").optional(),
});

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES)
    return {
      ok: false,
      response: Response.json({ error: `request body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 }),
    };
  try {
    return { ok: true, body: await request.json() };
  } catch {
    return {
      ok: false,
      response: Response.json({ error: "request body must be JSON: { nodes, pod, pods?, config }" }, { status: 400 }),
    };
  }
}

export async function POST(request: Request) {
  const read = await readJson(request);
  if (!read.ok) return read.response;
  const parsed = scheduleRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const tooLarge = parsed.error.issues.some((issue) => issue.code === "custom" && issue.params?.tooLarge === true);
    const error = parsed.error.issues
      .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    return Response.json({ error, fields: z.flattenError(parsed.error).fieldErrors }, { status: tooLarge ? 413 : 400 });
  }
  const { nodes, pod, pods, config } = parsed.data;
  const refused = await takeHeavyJobAllowance("compute", await rateKeyOf(request), clock.now());
  if (refused) return refusalResponse(refused);
  const files = {
    nodes: { file: "nodes", text: nodes },
    pod: { file: "pod", text: pod },
    pods: pods === undefined ? undefined : { file: "pods", text: pods },
    config: config === undefined ? undefined : { file: "config", text: config },
  };
  const outcome = await runInPool({ kind: "schedule", files });
  if (!outcome.ok) return refusalResponse(outcome);
  const explanation = outcome.value;
  if (!explanation.ok) {
    (await requestLog(request)).warn(
      { problem: formatInputError(explanation.error) },
      "POST /api/schedule rejected input",
    );
    return Response.json({ error: formatInputError(explanation.error), details: explanation.error }, { status: 422 });
  }
  return Response.json(explanation.value.json);
}
