import type { Problem } from "@clc/domain";
import { ProblemSchema } from "@clc/domain";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";

/** The app as route modules see it: schemas are zod, types follow them. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Documents the problem answers a route may give (the error handler sends them). */
export function problemResponses<const C extends readonly number[]>(
  ...codes: C
): Record<C[number], typeof ProblemSchema> {
  return Object.fromEntries(codes.map((code) => [code, ProblemSchema])) as Record<
    C[number],
    typeof ProblemSchema
  >;
}

export type { Problem };
