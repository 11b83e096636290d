/**
 * A webhook's address: where it may point (https; never link-local or cloud metadata addresses) and
 * which part of it is secret. The path and query of an incoming-webhook URL are its credential
 * (Slack: `https://hooks.slack.com/services/T…/B…/<token>`; anyone holding them can post), so they
 * are treated like the AWS secret access key: kept to send, never answered again, never logged.
 */
import { BlockList, isIP } from "node:net";

export interface WebhookAddress {
  /** `https://host[:port]`: safe to show. */
  origin: string;
  /** Path and query: the secret. */
  secretPart: string;
  /** The secret's last 4 characters when it is long enough that they give nothing away (16+), else "". */
  maskedTail: string;
}

/** What the console shows of a webhook's address: its origin and the end of its secret. */
export function displayAddress(origin: string, maskedTail: string): string {
  return `${origin}/…${maskedTail}`;
}

const ALWAYS_REFUSED = new BlockList();
// IPv4: "this network", link-local (AWS, GCP, Azure instance metadata at 169.254.169.254, ECS task
// metadata at 169.254.170.2), Alibaba's metadata address, multicast, reserved and broadcast.
ALWAYS_REFUSED.addSubnet("0.0.0.0", 8, "ipv4");
ALWAYS_REFUSED.addSubnet("169.254.0.0", 16, "ipv4");
ALWAYS_REFUSED.addAddress("100.100.100.200", "ipv4");
ALWAYS_REFUSED.addSubnet("224.0.0.0", 4, "ipv4");
ALWAYS_REFUSED.addSubnet("240.0.0.0", 4, "ipv4");
// IPv6: unspecified, link-local, multicast, and the EC2 instance metadata service's IPv6 address.
ALWAYS_REFUSED.addAddress("::", "ipv6");
ALWAYS_REFUSED.addSubnet("fe80::", 10, "ipv6");
ALWAYS_REFUSED.addSubnet("ff00::", 8, "ipv6");
ALWAYS_REFUSED.addAddress("fd00:ec2::254", "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Host names that answer with instance metadata whatever they resolve to. */
const METADATA_NAMES = new Set([
  "metadata.google.internal",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

/**
 * Why the console will not send to `address` (an IP), or null when it may. Private ranges (10/8,
 * 172.16/12, 192.168/16, fc00::/7) are allowed: a chat server inside the network is a fair target.
 * Loopback only when `allowLoopback` (sandbox mode: tests and local receivers).
 */
export function refusedAddress(address: string, allowLoopback: boolean): string | null {
  let ip = address.replace(/^\[|\]$/g, "");
  const family = isIP(ip);
  if (family === 0) return "it is not an IP address";
  // An IPv4-mapped IPv6 address (::ffff:169.254.169.254) reaches the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) ip = mapped[1];
  const type = isIP(ip) === 4 ? "ipv4" : "ipv6";
  if (ALWAYS_REFUSED.check(ip, type))
    return `${ip} is a link-local, metadata or reserved address, which webhooks may not reach`;
  if (LOOPBACK.check(ip, type) && !allowLoopback)
    return `${ip} is this machine (loopback), which webhooks may not reach outside sandbox mode`;
  return null;
}

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/**
 * Checks a webhook address typed by an admin and splits it. Errors never repeat the address (it is
 * a secret). `allowLoopbackHttp`: sandbox mode, where http to localhost is allowed for tests.
 */
export function parseWebhookAddress(
  raw: string,
  options: { allowLoopbackHttp: boolean },
): WebhookAddress | { error: string } {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url)
    return { error: "This is not a web address. It should look like https://hooks.slack.com/services/…" };
  const host = url.hostname.toLowerCase();
  const literal = host.replace(/^\[|\]$/g, "");
  const loopback =
    isLoopbackName(host) || (isIP(literal) === 4 ? LOOPBACK.check(literal, "ipv4") : literal === "::1");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && options.allowLoopbackHttp && loopback)) {
    return {
      error: options.allowLoopbackHttp
        ? "Webhooks are sent over https only (http only to localhost in sandbox mode). Use the https address the service gave you."
        : "Webhooks are sent over https only. Use the https address the service gave you.",
    };
  }
  if (url.username !== "" || url.password !== "")
    return { error: "Put no user name or password in the address: webhooks carry their secret in the path." };
  if (url.hash !== "") return { error: "Remove the part after # from the address: it is never sent." };
  if (METADATA_NAMES.has(host))
    return { error: `${host} serves instance metadata, which webhooks may not reach.` };
  if (isIP(literal) !== 0) {
    const refused = refusedAddress(literal, options.allowLoopbackHttp);
    if (refused) return { error: `The address points at ${refused}.` };
  } else if (isLoopbackName(host) && !options.allowLoopbackHttp) {
    return { error: `${host} is this machine, which webhooks may not reach outside sandbox mode.` };
  }
  const secretPart = `${url.pathname}${url.search}`;
  return {
    origin: url.origin,
    secretPart,
    maskedTail: secretPart.length >= 16 ? secretPart.slice(-4) : "",
  };
}
