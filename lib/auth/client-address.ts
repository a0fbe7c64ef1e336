import ipaddr from "ipaddr.js";

/**
 * The header in which Quorum's own server (scripts/next-server.ts) passes on the address of the
 * TCP peer. That server deletes any copy a client sends, so the app can trust it; Next's route
 * handlers have no other way to the socket (Next fills `x-forwarded-for` with it only when the
 * client sent none, so that header alone can be forged).
 */
export const remoteAddressHeader = "x-quorum-remote-address";

type HeaderBag = Record<string, unknown> | undefined;

const headerValue = (headers: HeaderBag, name: string) => {
  const value = headers?.[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : "";
};

/**
 * An address as a throttle key. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address; IPv6
 * counts per /64, the block one subscriber is given, so walking through it does not help.
 */
function throttleAddress(raw: string | undefined): string | null {
  const text = raw?.trim() ?? "";
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  const address = ipaddr.process(text);
  if (address.kind() === "ipv4") return address.toString();
  const bytes = address.toByteArray().fill(0, 8);
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}

/**
 * The client's address, given how many reverse proxies the deployment trusts in front of it.
 * With 0, it is the TCP peer and `X-Forwarded-For` is ignored, whatever the client put there.
 * With N, the N trusted proxies each appended the address they saw, so the client is the N-th
 * entry from the right of `X-Forwarded-For`; entries left of it were written by the client.
 * Fewer hops than N means the request did not come through the proxies: its peer is the client.
 * Null only when the server did not pass the peer on (the app run without scripts/next-server.ts).
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string | null {
  const peer = throttleAddress(headerValue(headers, remoteAddressHeader));
  if (trustedProxies === 0 || !peer) return peer;
  const hops = headerValue(headers, "x-forwarded-for")
    .split(",")
    .filter((hop) => hop.trim() !== "");
  return hops.length < trustedProxies ? peer : throttleAddress(hops[hops.length - trustedProxies]);
}
