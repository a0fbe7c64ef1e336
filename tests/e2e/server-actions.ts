import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

type ServerAction = { id: string; name: string; file: string; pagePath: string };

type Manifest = {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
};

/** "app/(auth)/signup/page" → "/signup"; a dynamic segment gets a sample value. */
function pagePathOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.map((segment) => (segment.startsWith("[") ? "control-plane" : segment)).join("/")}`;
}

/** Every server action of the build the e2e server runs, with a page that can receive it. */
export function listServerActions(): ServerAction[] {
  const manifest = JSON.parse(
    readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? id,
    file: entry.filename ?? "",
    pagePath: pagePathOf(Object.keys(entry.workers)[0] ?? "app/page"),
  }));
}

export function findServerAction(name: string): ServerAction {
  const action = listServerActions().find((candidate) => candidate.name === name);
  if (!action) throw new Error(`no server action named ${name} in the build`);
  return action;
}

/**
 * Calls an action the way React's client does (encodeReply): a FormData argument is "$K1" and
 * its fields are "_1_<name>"; the arguments, as field "0", come last, since the server decodes
 * them as soon as they arrive. `args` defaults to (previous state, form).
 */
export function postAction(
  request: APIRequestContext,
  action: ServerAction,
  fields: Record<string, string>,
  args: readonly unknown[] = [null, "$K1"],
): Promise<APIResponse> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify(args));
  return request.post(action.pagePath, {
    headers: { "Next-Action": action.id, Accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
}
