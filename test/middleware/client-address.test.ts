import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { addressBucket, clientAddress, UNKNOWN_ADDRESS } from "../../src/middleware/client-address";

describe("the client address", () => {
  const app = new Hono().get("/", (c) => c.text(clientAddress(c)));

  test("is the peer's address as Bun's server reports it", async () => {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch });
    try {
      expect(await (await fetch(`http://127.0.0.1:${server.port}/`)).text()).toBe("127.0.0.1");
    } finally {
      server.stop(true);
    }
  });

  test.each([
    ["no server at all (app.request)", undefined],
    ["a server that cannot tell", { requestIP: () => null }],
    ["something else as the second argument", { server: {} }],
  ])("is %s: unknown, without throwing", async (_case, env) => {
    expect(await (await app.request("/", {}, env)).text()).toBe(UNKNOWN_ADDRESS);
  });
});

describe("behind trusted proxies", () => {
  test.each([
    [0, "198.51.100.9, 203.0.113.7", "unknown"],
    [1, "198.51.100.9, 203.0.113.7", "203.0.113.7"],
    [2, "198.51.100.9, 203.0.113.7", "198.51.100.9"],
    [3, "198.51.100.9, 203.0.113.7", "198.51.100.9"],
    [1, "", "unknown"],
  ])("with %d hops, X-Forwarded-For %p names %s", async (hops, forwardedFor, expected) => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c, hops)));
    expect(await (await app.request("/", { headers: { "x-forwarded-for": forwardedFor } })).text()).toBe(expected);
  });
});

describe("the bucket of an address", () => {
  test.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8:0:1::a", "2001:db8:0:1::/64"],
    ["2001:DB8:0000:0001:ffff:0:0:b", "2001:db8:0:1::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["1::2:3:4:5:192.0.2.1", "1:0:2:3::/64"],
    [UNKNOWN_ADDRESS, UNKNOWN_ADDRESS],
  ])("of %s is %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});
