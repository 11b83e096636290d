/**
 * DNS rebinding: a page on attacker.example can re-point its name at 127.0.0.1 (or the console's
 * address) and then call the console from the browser as "same origin". The browser still sends
 * `Host: attacker.example`, so answering only to the names the console is meant to be reached by
 * stops it. Sandbox mode: loopback names; aws mode: CLC_ALLOWED_HOSTS (config.ts).
 */
import type { FastifyInstance } from "fastify";
import { normaliseHostName } from "../config.ts";
import { HttpProblem } from "./http-problem.ts";

/** Liveness and readiness probes of orchestrators often address the pod by IP; they hold no data. */
const PROBES = new Set(["/healthz", "/readyz"]);

export function installHostAllowlist(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = new Set(allowedHosts.map(normaliseHostName));
  app.addHook("onRequest", async (request) => {
    if (PROBES.has(request.url.split("?")[0] ?? "")) return;
    // `request.host` honours X-Forwarded-Host only from a trusted proxy.
    const host = normaliseHostName(request.host ?? "");
    if (allowed.has(host)) return;
    throw new HttpProblem(421, "misdirected", "This console does not answer to that host name", {
      detail: "The Host header names a host this console is not configured to serve.",
      hint: "Open the console at the address its operator gave you; an admin can add names with CLC_ALLOWED_HOSTS.",
    });
  });
}
