/**
 * A proxy in front of the sandbox that fails, refuses or holds chosen AWS calls deterministically
 * (by the operation of their `X-Amz-Target`: the JSON protocols, e.g. Cognito, CloudWatch Logs,
 * Organizations); every other call passes unchanged. The BFF under test is pointed at `endpoint`.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the fault proxy does with a call: pass it on, answer 500 without passing it on, pass it
 * on and then answer 500 anyway (AWS applied it; the caller never learns), or pass it on and never
 * answer (AWS applied it; the caller waits until it gives up); `refuse`: answer this AWS error
 * without passing it on; `holdUntil`: pass it on once the promise settles; `rewrite`: pass it on
 * and answer what the function makes of AWS's answer body (an answer AWS could give, e.g. an OU
 * created between two calls).
 */
export type FaultDecision =
  | "pass"
  | "fail-before"
  | "fail-after"
  | "hang-after"
  | { refuse: { status: number; type: string; message: string } }
  | { holdUntil: Promise<void> }
  | { rewrite: (answer: string) => string };

export type FaultRule = (call: { operation: string; body: string }) => FaultDecision;

export interface FaultProxy {
  endpoint: string;
  rule: FaultRule;
  close(): Promise<void>;
}

const INTERNAL_ERROR = {
  status: 500,
  type: "InternalErrorException",
  message: "An internal error occurred. Try again.",
};

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const proxy: FaultProxy = { endpoint: "", rule: () => "pass", close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const targetHeader = String(req.headers["x-amz-target"] ?? "");
      const operation = targetHeader.slice(targetHeader.lastIndexOf(".") + 1);
      const decision = proxy.rule({ operation, body: body.toString("utf8") });
      /** An AWS JSON-protocol error answer. */
      const answerError = ({ status, type, message }: typeof INTERNAL_ERROR) => {
        res.writeHead(status, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-errortype": type,
          "x-amzn-requestid": "fault-proxy",
        });
        res.end(JSON.stringify({ __type: type, message }));
      };
      const fail = () => answerError(INTERNAL_ERROR);
      if (decision === "fail-before") return fail();
      if (typeof decision === "object" && "refuse" in decision) return answerError(decision.refuse);
      if (typeof decision === "object" && "holdUntil" in decision) await decision.holdUntil;
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (decision === "fail-after") {
            answer.resume();
            answer.on("end", fail);
            return;
          }
          if (decision === "hang-after") {
            answer.resume();
            return;
          }
          if (typeof decision === "object" && "rewrite" in decision) {
            const parts: Buffer[] = [];
            answer.on("data", (chunk: Buffer) => parts.push(chunk));
            answer.on("end", () => {
              const rewritten = decision.rewrite(Buffer.concat(parts).toString("utf8"));
              const { "content-length": _, ...headers } = answer.headers;
              res.writeHead(answer.statusCode ?? 502, headers);
              res.end(rewritten);
            });
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => res.destroy());
      res.on("close", () => forward.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
