import "server-only";
import { headers } from "next/headers";
import { log } from "./log";
import { requestIdHeader } from "./request-id";

/** The server logger bound to the current request's id (set by scripts/next-server.ts). */
export async function requestLog() {
  const reqId = (await headers()).get(requestIdHeader);
  return reqId ? log.child({ reqId }) : log;
}
