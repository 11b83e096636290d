import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * The SPA is served from the BFF's own origin, as built files with no inline script or style, so
 * the policy can allow `'self'` only. `frame-ancestors 'none'` stops click-jacking of the apply button.
 * No CORS: nothing registers @fastify/cors, so no other origin may read the API.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/** The CSP header value of CONTENT_SECURITY_POLICY_DIRECTIVES, as helmet writes it. */
function contentSecurityPolicy(): string {
  return Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
    .map(([name, values]) => `${name.replaceAll(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`)
    .join(";");
}

/**
 * Every header helmet sets with the options below, for the answers no hook reaches (Fastify's router
 * errors, Node's parser errors: plugins/framework-errors.ts) and as a safety net on all others. A
 * test compares it with helmet's output, so the two cannot drift apart.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": contentSecurityPolicy(),
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES).map(([name, values]) => [name, [...values]]),
      ),
    },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    // Whatever produced the answer (an error thrown before helmet's hook, a plugin's own reply),
    // and however its path was spelled: the headers are there.
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!reply.hasHeader(name)) reply.header(name, value);
    // Operator data must not linger in shared or browser caches. Only the static files of the web
    // app say otherwise (@fastify/static sets their Cache-Control); every other answer is no-store.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
}
