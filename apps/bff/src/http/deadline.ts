import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Deadline, type OwnedDeadline, startDeadline } from "../aws/deadline.ts";

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
 * at once instead of running on, and a later request never meets their leftovers.
 */
export function installRequestDeadlines(app: FastifyInstance, budgetMs: number): void {
  // Routes see the deadline only; ending it is this hook's business.
  const owned = new WeakMap<FastifyRequest, OwnedDeadline>();
  app.decorateRequest("awsDeadline", null as unknown as Deadline);
  app.addHook("onRequest", async (request) => {
    const deadline = startDeadline(budgetMs);
    owned.set(request, deadline);
    request.awsDeadline = deadline;
  });
  app.addHook("onResponse", async (request) => {
    owned.get(request)?.end();
  });
}
