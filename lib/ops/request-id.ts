import { randomUUID } from "node:crypto";

// Every request gets an id that appears in its log lines and in the X-Request-Id response header,
// so a learner's report ("it failed at 12:03, id …") leads to the server's line. An id a load
// balancer sent is kept when it is short and plain; anything else is replaced, never logged.
export const requestIdHeader = "x-request-id";

const plainId = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === "string" && plainId.test(given) ? given : randomUUID();
}
