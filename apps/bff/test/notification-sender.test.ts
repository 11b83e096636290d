/**
 * The webhook sender against a receiver this test starts: the SSRF guard at connect time (a host
 * NAME resolving to a refused address is refused, and the receiver never hears of it), and the
 * waits it asks for (recorded through an injected sleep: no clock in the assertions).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AttemptOutcome,
  DEFAULT_TIMING,
  retryAfterMs,
  sendWithRetries,
} from "../src/features/notifications/sender.ts";
import { parseWebhookAddress, refusedAddress } from "../src/features/notifications/url.ts";

let server: Server;
let port: number;
const statuses: number[] = [];
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits += 1;
    request.resume();
    request.on("end", () => {
      const status = statuses.shift() ?? 200;
      response.writeHead(status, status === 503 ? { "retry-after": "7" } : {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function send(origin: string, allowLoopback: boolean, random = () => 0.5) {
  const attempts: AttemptOutcome[] = [];
  const waits: number[] = [];
  const delivered = await sendWithRetries({
    origin,
    secretPart: "/hooks/secret-path-123456",
    body: "{}",
    allowLoopback,
    timing: { ...DEFAULT_TIMING, maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 },
    onAttempt: async (a) => void attempts.push(a),
    random,
    sleep: async (ms) => void waits.push(ms),
  });
  return { delivered, attempts, waits };
}

describe("the webhook sender", () => {
  it("refuses, at connect time, a host name that resolves to a refused address", async () => {
    // `localhost` resolves to loopback, which only sandbox mode may reach.
    const before = hits;
    const { delivered, attempts } = await send(`http://localhost:${port}`, false);
    expect(delivered).toBe(false);
    expect(attempts).toEqual([
      {
        attempt: 1,
        statusCode: null,
        ok: false,
        error: expect.stringContaining("resolves to 127.0.0.1 is this machine (loopback)"),
        retryInMs: null,
      },
    ]);
    expect(hits).toBe(before);
    // In sandbox mode the same address is reached.
    expect((await send(`http://localhost:${port}`, true)).delivered).toBe(true);
  });

  it("backs off exponentially with jitter, capped, and honours a 503's Retry-After", async () => {
    statuses.push(500, 500, 503);
    const { delivered, attempts, waits } = await send(`http://127.0.0.1:${port}`, true, () => 1);
    expect(delivered).toBe(true);
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 503, 200]);
    // Steps of 1 s and 2 s (half sure, half at random: random() = 1 gives the whole step), then 7 s asked.
    expect(waits).toEqual([1000, 2000, 7000]);
    statuses.push(500);
    expect((await send(`http://127.0.0.1:${port}`, true, () => 0)).waits).toEqual([500]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("2015-10-21T07:28:00Z"))).toBe(30_000);
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("splits an address into what is shown and the secret, and refuses metadata targets", () => {
    expect(
      parseWebhookAddress("https://hooks.slack.com/services/T1/B2/abcdefghijkl", {
        allowLoopbackHttp: false,
      }),
    ).toEqual({
      origin: "https://hooks.slack.com",
      secretPart: "/services/T1/B2/abcdefghijkl",
      maskedTail: "ijkl",
    });
    expect(parseWebhookAddress("https://example.com/?k=1", { allowLoopbackHttp: false })).toMatchObject({
      maskedTail: "",
    });
    expect(parseWebhookAddress("http://127.0.0.1:9/x", { allowLoopbackHttp: false })).toHaveProperty("error");
    expect(parseWebhookAddress("http://127.0.0.1:9/x", { allowLoopbackHttp: true })).not.toHaveProperty(
      "error",
    );
    expect(refusedAddress("169.254.170.2", true)).toContain("link-local");
    // The hex form of an IPv4-mapped address (::ffff:169.254.169.254) is refused too.
    expect(refusedAddress("::ffff:a9fe:a9fe", true)).toContain("link-local");
    expect(refusedAddress("10.1.2.3", false)).toBeNull();
  });
});
