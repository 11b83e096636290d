/**
 * Answers Fastify and Node give before any route or error handler runs, as problem documents like
 * every other error: a path parameter longer than the router allows (414), a malformed URL (400),
 * and requests the HTTP parser refuses (headers too large → 431, garbage → 400). Their defaults are
 * plain JSON, and the 414 echoes the whole URL back.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from "fastify";
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemType } from "./http-problem.ts";
import { sendProblem } from "./problems.ts";
import { SECURITY_HEADERS } from "./security-headers.ts";

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
  // The router refused before any hook ran: helmet's and our onSend headers are not applied.
  reply.headers({ ...SECURITY_HEADERS, "cache-control": "no-store" });
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
  // HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS ran out (a slow or stalled client).
  const timedOut = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const status = tooLarge ? 431 : timedOut ? 408 : 400;
  const reason = tooLarge ? "Request Header Fields Too Large" : timedOut ? "Request Timeout" : "Bad Request";
  const body = JSON.stringify({
    type: problemType("bad-request"),
    title: tooLarge ? "Request headers too large" : timedOut ? "Request took too long" : "Bad request",
    status,
    detail: tooLarge
      ? "The URL and headers together exceed the server's limit."
      : timedOut
        ? "The request did not arrive in time; the connection is closed."
        : "The request is not valid HTTP.",
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      `Connection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nCache-Control: no-store\r\n` +
      Object.entries(SECURITY_HEADERS)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
};

/**
 * The answers Node's HTTP server would otherwise write on its own, bare (no security headers, no
 * `Cache-Control`), found by attacking the running console:
 *
 * - 417 to an `Expect` header other than `100-continue`: answered here instead (`checkExpectation`).
 * - 503 to every request a connection sends past `maxRequestsPerSocket`: Node's own limit is left
 *   off (Fastify gets 0) and the last allowed answer says `Connection: close` instead, so the client
 *   opens a new connection and no request is answered by Node.
 */
export function installNodeAnswers(app: FastifyInstance, maxRequestsPerSocket: number): void {
  app.server.on("checkExpectation", (_request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.stringify({
      type: problemType("bad-request"),
      title: "Expectation not supported",
      status: 417,
      detail: "The request's Expect header asks for something this server does not do.",
      hint: "Send the request without the Expect header (or with Expect: 100-continue).",
    });
    response.writeHead(417, {
      ...SECURITY_HEADERS,
      "cache-control": "no-store",
      "content-type": PROBLEM_CONTENT_TYPE,
      "content-length": Buffer.byteLength(body),
      connection: "close",
    });
    response.end(body);
  });
  if (maxRequestsPerSocket <= 0) return;
  const served = new WeakMap<Socket, number>();
  app.addHook("onRequest", async (request, reply) => {
    const socket = request.raw.socket;
    const count = (served.get(socket) ?? 0) + 1;
    served.set(socket, count);
    if (count >= maxRequestsPerSocket) reply.header("connection", "close");
  });
}
