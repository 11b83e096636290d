/**
 * Answers Fastify and Node give before any route or error handler runs, as problem documents like
 * every other error: a path parameter longer than the router allows (414), a malformed URL (400),
 * and requests the HTTP parser refuses (headers too large → 431, garbage → 400). Their defaults are
 * plain JSON, and the 414 echoes the whole URL back.
 */
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import { sendProblem } from "./error-handler.ts";
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemType } from "./problem.ts";

export function frameworkErrorProblem(error: FastifyError): HttpProblem {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return new HttpProblem(414, "bad-request", "URL too long", {
      detail: "A value in the URL path is longer than any identifier the console uses.",
      hint: "Check the pool id or other identifier in the address.",
    });
  }
  return new HttpProblem(400, "bad-request", "Bad request", {
    detail: "The URL could not be decoded.",
    hint: "Check the address for a stray % sign.",
  });
}

/** Fastify's `frameworkErrors` option. */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendProblem(reply, request, frameworkErrorProblem(error));
}

/** Fastify's `clientErrorHandler` option: Node's HTTP parser refused the request; no request object exists. */
export const handleClientError: NonNullable<FastifyServerOptions["clientErrorHandler"]> = (
  error: Error & { code?: string },
  socket: Socket,
) => {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: problemType("bad-request"),
    title: tooLarge ? "Request headers too large" : "Bad request",
    status,
    detail: tooLarge
      ? "The URL and headers together exceed the server's limit."
      : "The request is not valid HTTP.",
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `Connection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
};
