import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Deadline, type Lane, type OwnedDeadline, startDeadline } from "../aws/deadline.ts";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The one deadline shared by every AWS call this request makes (AWS_REQUEST_DEADLINE_MS).
     * Routes hand it to their service; background work never takes it.
     */
    awsDeadline: Deadline;
  }
}

/**
 * Gives every request its AWS deadline when it arrives and ends it when the answer has been sent,
 * so calls the request started and no longer waits for (the sibling of a failed Promise.all) stop
 * at once instead of running on, and a later request never meets their leftovers. The deadline's
 * timer and signal are made when a route first uses it (counting from the request's arrival):
 * most requests (status polls, the cached list, static files) make no AWS call.
 */
export function installRequestDeadlines(app: FastifyInstance, budgetMs: number): void {
  // Routes see the deadline only; ending it is this hook's business.
  const owned = new WeakMap<FastifyRequest, OwnedDeadline>();
  app.decorateRequest("awsDeadline", null as unknown as Deadline);
  app.addHook("onRequest", async (request) => {
    const arrivedAt = performance.now();
    const started = (): OwnedDeadline => {
      let deadline = owned.get(request);
      if (!deadline) {
        deadline = startDeadline(budgetMs, undefined, performance.now() - arrivedAt);
        owned.set(request, deadline);
      }
      return deadline;
    };
    request.awsDeadline = {
      get signal() {
        return started().signal;
      },
      budgetMs,
      // Read when the calls are made, after the auth hook has named the operator.
      get lane() {
        return laneOf(request);
      },
    };
  });
  app.addHook("onResponse", async (request) => {
    owned.get(request)?.end();
  });
}

/**
 * The pacer lane of a request's Cognito reads: an admin's requests (a change, or the preview and
 * read that come before one) go before viewers' reads, so no viewer can make an admin's change wait
 * behind a burst of reads (issue 20).
 */
function laneOf(request: FastifyRequest): Lane {
  const access = request.routeOptions.config.access;
  return access === "admin" || request.operator?.role === "admin" ? "write" : "read";
}
