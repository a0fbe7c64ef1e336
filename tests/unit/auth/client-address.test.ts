import { describe, expect, it } from "vitest";
import { clientAddress, remoteAddressHeader } from "@/lib/auth/client-address";

const from = (peer: string | undefined, forwardedFor?: string) => ({
  ...(peer === undefined ? {} : { [remoteAddressHeader]: peer }),
  ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
});

describe("clientAddress", () => {
  it("with no trusted proxy, is the TCP peer whatever X-Forwarded-For says", () => {
    expect(clientAddress(from("198.51.100.7", "192.0.2.10"), 0)).toBe("198.51.100.7");
    expect(clientAddress(from("198.51.100.7", "192.0.2.10, 10.0.0.1"), 0)).toBe("198.51.100.7");
  });

  it("with one trusted proxy, is the right-most X-Forwarded-For hop (the one that proxy appended)", () => {
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 203.0.113.50"), 1)).toBe("203.0.113.50");
  });

  it("with two trusted proxies, is the second hop from the right", () => {
    expect(clientAddress(from("10.0.0.3", "6.6.6.6, 203.0.113.50, 10.0.0.2"), 2)).toBe("203.0.113.50");
  });

  it("is the peer when X-Forwarded-For has fewer hops than trusted proxies (the request bypassed them)", () => {
    expect(clientAddress(from("198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(from("198.51.100.7", "203.0.113.50"), 2)).toBe("198.51.100.7");
  });

  it(
    "reads an IPv4-mapped IPv6 peer as IPv4, and IPv6 as its /64 " +
      "so that one subscriber's addresses count together",
    () => {
      expect(clientAddress(from("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
      expect(clientAddress(from("2001:db8:1:2::1"), 0)).toBe("2001:db8:1:2::/64");
      expect(clientAddress(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 0)).toBe("2001:db8:1:2::/64");
      expect(clientAddress(from("2001:db8:1:3::1"), 0)).toBe("2001:db8:1:3::/64");
    },
  );

  it("is null without the server's peer header, or when a hop is not an address", () => {
    expect(clientAddress(from(undefined, "192.0.2.10"), 0)).toBeNull();
    expect(clientAddress(from(undefined, "192.0.2.10"), 1)).toBeNull();
    expect(clientAddress(from("10.0.0.2", "192.0.2.10, not-an-address"), 1)).toBeNull();
    expect(clientAddress(from("10.0.0.2", "192.0.2.10, 1.2.3"), 1)).toBeNull();
  });
});
