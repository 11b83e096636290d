import type { FieldError, Problem } from "@clc/domain";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AwsCallError } from "../aws/errors.ts";
import { describeAwsFailure } from "../lib/aws-failures.ts";
import { ServiceError } from "../lib/errors.ts";
import { HttpProblem, PROBLEM_CONTENT_TYPE } from "./http-problem.ts";

/** A service's failure as problem details: its kind picks the status; Retry-After when it says to wait. */
export function serviceErrorToProblem(error: ServiceError): HttpProblem {
  const { retryAfterSeconds, ...details } = error.options;
  return new HttpProblem(error.status, error.slug, error.title, {
    ...details,
    ...(retryAfterSeconds !== undefined ? { headers: { "retry-after": String(retryAfterSeconds) } } : {}),
  });
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  for (const [name, value] of Object.entries(problem.options.headers ?? {})) reply.header(name, value);
  const body: Problem = problem.toProblem(String(request.id), request.url.split("?")[0] ?? request.url);
  // Serialized by hand: a route's response schema must not reshape or reject an error answer.
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/** Turns any thrown error into problem details; a client's mistake is always a 4xx. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, request, error);
    if (error instanceof ServiceError) return sendProblem(reply, request, serviceErrorToProblem(error));
    if (error instanceof AwsCallError) {
      request.log.warn(
        {
          aws: {
            code: error.code,
            status: error.status,
            requestId: error.requestId,
            operation: error.operation,
            kind: error.kind,
          },
        },
        "AWS call failed",
      );
      return sendProblem(reply, request, serviceErrorToProblem(describeAwsFailure(error)));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? "request";
      const errors: FieldError[] = error.validation.map((v) => ({
        path: [context, ...v.instancePath.split("/").filter((p) => p !== "")].join("."),
        message: v.message ?? "is invalid",
      }));
      return sendProblem(
        reply,
        request,
        new HttpProblem(400, "validation", "The request is not valid", {
          detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
          errors,
          hint: "Correct the fields listed in errors and send the request again.",
        }),
      );
    }
    if ((error as FastifyError).code === "FST_ERR_RESPONSE_SERIALIZATION") {
      request.log.error({ err: error }, "response did not match its schema");
      return sendProblem(
        reply,
        request,
        new HttpProblem(500, "internal", "Internal error", {
          detail: "The answer did not match its schema.",
        }),
      );
    }
    const statusCode = (error as FastifyError).statusCode;
    if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type… in the
      // user's terms (its texts, e.g. "Body is not valid JSON but content-type is set to …", are a
      // developer's); an unknown code keeps a generic sentence rather than the library's text.
      const said = FRAMEWORK_CLIENT_ERRORS[(error as FastifyError).code ?? ""];
      return sendProblem(
        reply,
        request,
        new HttpProblem(statusCode, "bad-request", statusTitle(statusCode), {
          detail: said?.detail ?? "The request could not be read.",
          hint: said?.hint ?? "Send a JSON object with Content-Type: application/json.",
        }),
      );
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(
      reply,
      request,
      new HttpProblem(500, "internal", "Internal error", {
        detail: "Something went wrong on the console's side.",
        hint: "Try again; if it persists, report it with the request id.",
      }),
    );
  });
}

/** Fastify's client-error codes (fastify/lib/errors.js), said in the user's terms. */
const FRAMEWORK_CLIENT_ERRORS: Record<string, { detail: string; hint: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    detail: "The request body could not be read as JSON.",
    hint: 'Send a JSON object such as {"name": "value"} (double quotes, no trailing commas).',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    detail: "The request says it carries JSON but its body is empty.",
    hint: "Send a JSON object, or no Content-Type header when there is nothing to send.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    detail: "Request body is too large.",
    hint: "Send only the fields the operation takes.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    detail: "The console reads JSON bodies only.",
    hint: "Send the body as JSON with Content-Type: application/json.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    detail: "The request's Content-Length does not match its body.",
    hint: "Send the request again.",
  },
  FST_ERR_CTP_EMPTY_TYPE: {
    detail: "The request's Content-Type header is empty.",
    hint: "Send Content-Type: application/json with a JSON body.",
  },
  FST_ERR_CTP_INVALID_TYPE: {
    detail: "The request's Content-Type header is not valid.",
    hint: "Send Content-Type: application/json with a JSON body.",
  },
};

function statusTitle(status: number): string {
  switch (status) {
    case 400:
      return "Bad request";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 406:
      return "Not acceptable";
    case 413:
      return "Request body too large";
    case 415:
      return "Unsupported media type";
    default:
      return "Request not accepted";
  }
}

export { sendProblem };
