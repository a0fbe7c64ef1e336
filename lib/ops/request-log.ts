import "server-only";
import { headers } from "next/headers";
import { log } from "./log";
import { requestIdHeader } from "./request-id";

/**
 * The server logger bound to the current request's id (set by scripts/next-server.ts): a route
 * handler passes its Request, a server action reads the request's headers.
 */
export async function requestLog(request?: Request) {
  const reqId = (request?.headers ?? (await headers())).get(requestIdHeader);
  return reqId ? log.child({ reqId }) : log;
}
