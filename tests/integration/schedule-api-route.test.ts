// POST /api/schedule on a real migrated database: the route counts each run against the caller's limit there.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/schedule/route";

const read = (name: string) => readFileSync(`examples/scheduling/${name}`, "utf8");

function post(body: unknown): Promise<Response> {
  return POST(
    new Request("http://localhost/api/schedule", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe("POST /api/schedule", () => {
  it("returns the same stable JSON as the CLI", async () => {
    const response = await post({ nodes: read("nodes.yaml"), pod: read("pod.yaml"), pods: read("pods.yaml") });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { selectedNode: string; nodes: unknown[] };
    expect(json.selectedNode).toBe("node-c");
    expect(json.nodes).toHaveLength(5);
  });

  it("answers 422 with the named manifest error", async () => {
    const response = await post({
      nodes: read("nodes.yaml"),
      pod: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, imagee: x}]}\n",
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe(
      'pod: document 1 (Pod "p"): spec.containers[0].imagee: unknown field "spec.containers[0].imagee"',
    );
  });

  it("answers 400 for a malformed body and 413 for an oversized field", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ nodes: read("nodes.yaml") })).status).toBe(400);
    const big = await post({ nodes: "x".repeat(256 * 1024 + 1), pod: read("pod.yaml") });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toContain("nodes is larger than 256 KB");
  });

  it("answers 422 with a message for a YAML alias bomb (billion laughs), within a second", async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const [previous, name] = [String.fromCharCode(96 + level), String.fromCharCode(97 + level)];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    const startedAt = performance.now();
    const response = await post({ nodes: levels.join("\n"), pod: read("pod.yaml") });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^nodes: document 1: invalid YAML: Excessive alias count/,
    );
  });
});
