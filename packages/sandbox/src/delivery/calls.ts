/**
 * How the simulation reaches the other services: through their own operations, in the account and
 * region of the destination, so it needs no private API of theirs.
 */
import { randomUUID } from "node:crypto";
import { AwsError, type CallContext, type RestResponse, type SandboxServices } from "../core/types.ts";
import { isObject } from "../services/shared/json.ts";
import type { DeliveryOptions } from "./model.ts";

export interface ServiceCalls {
  /** A call context in that account and region; time and persistence follow `base` when given. */
  contextFor(region: string, accountId: string, base?: CallContext): CallContext;
  /** One awsJson1_1 operation of a service; its answer, `{}` when it is not an object. */
  callJson(
    service: "cognito" | "logs" | "firehose",
    operation: string,
    input: Record<string, unknown>,
    ctx: CallContext,
  ): Record<string, unknown>;
  /** One S3 request, path-style (`/bucket/key?query`). */
  s3Request(
    method: string,
    target: string,
    ctx: CallContext,
    body?: Buffer,
    headers?: Record<string, string>,
  ): RestResponse;
}

export function serviceCalls(services: SandboxServices, options: DeliveryOptions): ServiceCalls {
  const now = options.now ?? Date.now;
  return {
    contextFor: (region, accountId, base) => ({
      region,
      accountId,
      requestId: randomUUID(),
      now: () => (base ? base.now() : now()),
      changed: () => (base ? base.changed() : options.changed?.()),
    }),
    callJson(service, operation, input, ctx) {
      const handler = services[service]?.operations[operation];
      if (!handler)
        throw new AwsError(
          "ServiceUnavailable",
          `The sandbox's ${service} service has no ${operation}.`,
          503,
        );
      const answer = handler(input, ctx);
      return isObject(answer) ? answer : {};
    },
    s3Request(method, target, ctx, body = Buffer.alloc(0), headers = {}) {
      if (!services.s3) throw new AwsError("ServiceUnavailable", "The sandbox has no S3 service.", 503);
      const url = new URL(target, "http://s3.sandbox");
      return services.s3.handle(
        { method, path: decodeURIComponent(url.pathname), query: url.searchParams, headers, body },
        ctx,
      );
    },
  };
}
