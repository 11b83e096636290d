import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "./http-problem.ts";

/**
 * The routes that spend the account's AWS quotas, each limited per operator (per address before
 * sign-in), so that no viewer can throttle the account for everyone, the console's admins and the
 * account's other tools included (issue 20). The Cognito read quota is 15 requests per second per
 * account and region and cannot be raised (docs/aws-log-delivery.md §5); one preview is 2 reads,
 * one destination search up to 201 Firehose or S3 calls. The limits leave a person working
 * normally far below them: a preview per edit, a search per keystroke, a refresh now and then.
 */
export const RATE_LIMITED_ROUTES = {
  "GET /api/pools/:poolId": { max: 120, windowMs: 60_000, what: "pool reads" },
  // The live tail polls every 10 s; answers are cached 10 s per pool and window.
  "GET /api/pools/:poolId/delivery": { max: 60, windowMs: 60_000, what: "delivery checks" },
  "GET /api/accounts/:accountId/pools/:poolId/delivery": {
    max: 60,
    windowMs: 60_000,
    what: "delivery checks",
  },
  "POST /api/pools/:poolId/log-delivery/:eventSource/preview": {
    max: 60,
    windowMs: 60_000,
    what: "previews",
  },
  "PUT /api/pools/:poolId/log-delivery/:eventSource": { max: 30, windowMs: 60_000, what: "changes" },
  "DELETE /api/pools/:poolId/log-delivery/:eventSource": { max: 30, windowMs: 60_000, what: "changes" },
  "GET /api/destinations": { max: 60, windowMs: 60_000, what: "destination searches" },
  "GET /api/destinations/bucket-availability": { max: 60, windowMs: 60_000, what: "bucket name checks" },
  "POST /api/fleet/refresh": { max: 6, windowMs: 60_000, what: "fleet refreshes" },
  // A rollback preview is a pool read and a preflight; applying it is a change (issue 17).
  "GET /api/audit/:id/rollback": { max: 60, windowMs: 60_000, what: "rollback previews" },
  "POST /api/audit/:id/rollback": { max: 30, windowMs: 60_000, what: "changes" },
  // A batch's plan reads every pool it names (up to 200): two Cognito reads each.
  "POST /api/batches": { max: 10, windowMs: 60_000, what: "batch plans" },
  // An events plan reads the place's trail, queue and rule (3 to 10 calls); a setup writes them.
  "GET /api/fleet/freshness/plan": { max: 30, windowMs: 60_000, what: "change-events plans" },
  "POST /api/fleet/freshness/setup": { max: 10, windowMs: 60_000, what: "change-events setups" },
} as const satisfies Record<string, RateLimit>;

export type RateLimitedRoute = keyof typeof RATE_LIMITED_ROUTES;

export interface RateLimit {
  max: number;
  windowMs: number;
  /** What the route does, in the plural, for the 429's message ("previews"). */
  what: string;
}

/** Per-route overrides of the limits (tests make them small). */
export type RateLimitOverrides = Partial<Record<RateLimitedRoute, Partial<RateLimit>>>;

/**
 * The limit's name of a route: the pool routes under an account (`/api/accounts/:accountId/pools/…`,
 * issue 14) are the same routes as the older single-account paths, and must not escape their limits.
 */
export function limitedRouteOf(method: string, url: string): string {
  return `${method} ${url.replace(/^\/api\/accounts\/:accountId\/pools\//, "/api/pools/")}`;
}

/** Who a request counts against: the signed-in operator, else the client's address. */
function keyOf(request: FastifyRequest): string {
  const operator = request.operator?.username;
  return operator ? `operator:${operator}` : `address:${request.ip}`;
}

/**
 * Registers @fastify/rate-limit for the routes above (none else), checked after the operator is
 * known (preHandler). Call before the routes are registered. Refusals are RFC 9457 problems with
 * status 429 and Retry-After (seconds until the window frees a request).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  overrides: RateLimitOverrides = {},
): Promise<void> {
  const limits = new Map<string, RateLimit>(
    Object.entries(RATE_LIMITED_ROUTES).map(([route, limit]) => [
      route,
      { ...limit, ...overrides[route as RateLimitedRoute] },
    ]),
  );
  // Runs before the plugin's own onRoute hook, which reads config.rateLimit.
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const limit = limits.get(limitedRouteOf(method, route.url));
      if (!limit) continue;
      route.config = {
        ...route.config,
        rateLimit: {
          max: limit.max,
          timeWindow: limit.windowMs,
          errorResponseBuilder: (_request, context) => {
            const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
            return new HttpProblem(429, "rate-limited", "Too many requests", {
              detail: `You sent more than ${limit.max} ${limit.what} in ${Math.round(limit.windowMs / 1000)} s. The console limits each operator so that no one can use up the AWS account's request quotas, which everyone (and the account's other tools) share.`,
              hint: `Wait ${seconds} s, then try again.`,
              headers: { "retry-after": String(seconds) },
            });
          },
        },
      };
    }
  });
  await app.register(rateLimit, {
    global: false,
    hook: "preHandler",
    keyGenerator: keyOf,
    // Each route counts in its own store; bounded (least recently used keys go first).
    cache: 10_000,
  });
}
