/**
 * The HTTP server: one endpoint for every service, as the SDK v3 sends them. It tells the protocol
 * apart (awsJson1_1 by X-Amz-Target, awsQuery by form posts, S3 REST-XML otherwise), takes the region
 * from the SigV4 scope, applies the realism switches, calls the service module, and has
 * `core/protocols/` decode the request and encode the answer or the AwsError in that protocol's
 * format. `/_sandbox/*` is the sandbox's own control surface.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  accessDenied,
  callResource,
  expiredToken,
  iamAction,
  invalidToken,
  isRegional,
  needsPermission,
} from "./core/access.ts";
import { newHostId, newRequestId } from "./core/ids.ts";
import { encodeEc2Answer } from "./core/protocols/ec2.ts";
import { type AwsCall, encodeError, faultError, missingAuth } from "./core/protocols/errors.ts";
import { decodeJson, encodeJsonAnswer, splitTarget, type WireAnswer } from "./core/protocols/json.ts";
import { DEFAULT_QUERY_XMLNS, decodeQuery, encodeQueryAnswer } from "./core/protocols/query.ts";
import { encodeRestJsonAnswer } from "./core/protocols/rest-json.ts";
import { decodeRestBody, encodeRestAnswer } from "./core/protocols/rest-xml.ts";
import {
  AwsError,
  type CallContext,
  type JsonService,
  type Principal,
  type QueryService,
  type SandboxServices,
} from "./core/types.ts";
import { sigV4Scope } from "./core/wire.ts";
import type { ServedCall } from "./delivery/api-events.ts";
import { applyRealismPatch, type RealismConfig } from "./realism/config.ts";
import { QuotaLimiter, quotaCategory } from "./realism/quota.ts";
import type { AccountService } from "./services/account/index.ts";
import type { Ec2Service } from "./services/ec2/index.ts";
import type { IamService } from "./services/iam/index.ts";
import { decide } from "./services/iam/permissions.ts";
import type { StsService } from "./services/sts/index.ts";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** What `/_sandbox/emit` and `/_sandbox/diagnostics` are served by (the delivery simulator). */
export interface DeliveryEndpoints {
  emit(input: unknown): unknown;
  diagnose(input: Record<string, string>): unknown;
  /** `/_sandbox/delivery-faults`: GET lists the delivery switches, POST sets one. */
  faults?(method: string, input: unknown): unknown;
}

export interface ServerDeps {
  readonly services: Partial<SandboxServices> &
    Pick<SandboxServices, "cognito"> & {
      readonly sts: StsService;
      readonly iam: IamService;
      readonly account?: AccountService | undefined;
      readonly ec2?: Ec2Service | undefined;
    };
  /** The sandbox's own account: the account of every access key it did not issue. */
  readonly accountId: string;
  /** Epoch milliseconds, for role sessions' expiry (tests pass their own clock). Default Date.now. */
  readonly now?: (() => number) | undefined;
  readonly regions: () => string[];
  readonly realism: RealismConfig;
  readonly delivery?: DeliveryEndpoints | undefined;
  /** Told of every JSON call answered successfully (CloudTrail's management events, delivery/api-events.ts). */
  readonly onServed?: ((call: ServedCall) => void) | undefined;
  /** Called once per request that changed state, before the answer is sent (persistence). */
  readonly flush: () => void;
  readonly changed: () => void;
  readonly log: (line: string) => void;
  /** How the latency switch waits; tests pass their own to see the delay without measuring time. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /**
   * Host names (no port) the sandbox answers to, besides loopback names and `*.localhost`: any other
   * Host header gets 421, so a DNS-rebinding web page cannot reach it through the browser.
   */
  readonly allowedHosts?: readonly string[] | undefined;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** The host name of a Host header, lower-case, without port or IPv6 brackets. */
export function hostNameOf(host: string | undefined): string {
  const lower = (host ?? "").trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(1, Math.max(1, lower.indexOf("]")));
  return lower.split(":").length === 2 ? (lower.split(":")[0] ?? "") : lower;
}

/**
 * Whether a browser sent this request from another site. The control endpoints change the sandbox
 * (faults, emitted events), and a cross-site page could otherwise POST to them ("simple" requests
 * need no CORS preflight). Tools (curl, the SDK, tests) send neither header and pass.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== (req.headers.host ?? "");
  } catch {
    // "null" (sandboxed frames, file://) or garbage: not this site.
    return true;
  }
}

/** A timer that does not keep the process alive for a request nobody will read. */
const timerSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * One AWS call as the sandbox answered it, for a caller's own accounting (the bench counts calls
 * per account and region without a proxy in front). `startMs`/`endMs`: performance.now() when the
 * request arrived and when its answer was handed to the socket. Not seen: a call left hanging, one
 * whose client left before its answer was sent, and requests refused before they are read as AWS
 * calls (a body over the size limit, a cross-site page, an unknown host).
 */
export interface AnsweredCall {
  /** `signingName:Operation` as calls() counts it, e.g. `cognito-idp:DescribeUserPool`. */
  key: string;
  /** The operation alone, e.g. `DescribeUserPool`, `AssumeRole`, `ListRegions`. */
  operation: string;
  /** From the SigV4 scope: who signed, for which region ("" when unsigned). */
  accessKeyId: string;
  region: string;
  status: number;
  /** AWS's error code (`x-amzn-errortype`, or the code of the error answered), absent on success. */
  errorType?: string;
  startMs: number;
  endMs: number;
}

export interface SandboxServer {
  readonly server: Server;
  /** Calls `listener` with every AWS call answered from now on; returns the unsubscribe. */
  observe(listener: (call: AnsweredCall) => void): () => void;
  realism(): RealismConfig;
  setRealism(patch: unknown): RealismConfig;
  calls(): { total: number; byOperation: Record<string, number> };
  resetCalls(): void;
  /** End hung requests and open connections so close() finishes. */
  release(): void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError("RequestEntityTooLarge", `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
};

export function createSandboxServer(deps: ServerDeps): SandboxServer {
  let realism = deps.realism;
  const sleep = deps.sleep ?? timerSleep;
  let callTotal = 0;
  let byOperation: Record<string, number> = {};
  const limiter = new QuotaLimiter();
  const hung = new Set<ServerResponse>();
  const observers = new Set<(call: AnsweredCall) => void>();
  /** The error code each answer carried (writeHead's headers cannot be read back from the response). */
  const errorTypes = new WeakMap<ServerResponse, string>();
  let releasing = false;

  const now = deps.now ?? Date.now;
  const jsonServices = (): JsonService[] =>
    [
      deps.services.cognito,
      deps.services.logs,
      deps.services.firehose,
      deps.services.organizations,
      deps.services.cloudwatch,
      deps.services.sqs,
      deps.services.events,
      deps.services.cloudtrail,
    ].filter((s): s is NonNullable<typeof s> => s !== undefined);
  const queryServices = (): QueryService[] => [deps.services.sts, deps.services.iam];

  function count(call: AwsCall): void {
    callTotal += 1;
    const key = `${call.signingName ?? "unknown"}:${call.operation}`;
    byOperation[key] = (byOperation[key] ?? 0) + 1;
  }

  function send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body?: string | Buffer,
  ): void {
    if (res.writableEnded || res.destroyed) return;
    const errorType = headers["x-amzn-errortype"];
    if (errorType !== undefined && observers.size > 0 && !errorTypes.has(res)) errorTypes.set(res, errorType);
    const payload = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body) : body;
    res.writeHead(status, {
      ...headers,
      ...(payload && !("content-length" in headers) ? { "content-length": String(payload.length) } : {}),
    });
    res.end(payload);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    send(res, status, { "content-type": "application/json" }, JSON.stringify(body));
  }

  function sendAnswer(res: ServerResponse, answer: WireAnswer): void {
    send(res, answer.status, answer.headers, answer.body);
  }

  function sendError(res: ServerResponse, call: AwsCall, error: AwsError): void {
    // The query, EC2 and S3 protocols name the code in the XML body only, not in a header.
    if (observers.size > 0) errorTypes.set(res, error.code);
    sendAnswer(res, encodeError(call, error));
  }

  /** Latency, faults and quotas, in that order. Returns "hang" when the request must never be answered. */
  async function applyRealism(call: AwsCall, ctx: CallContext): Promise<AwsError | "hang" | undefined> {
    const { latencyMs, jitterMs, faults, quotas } = realism;
    const delay = latencyMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
    if (delay > 0) await sleep(delay);
    const roll = Math.random();
    if (roll < faults.hangRate) return "hang";
    if (roll < faults.hangRate + faults.errorRate)
      return faultError(Math.random() < 0.5 ? "internal" : "unavailable", call.signingName);
    if (roll < faults.hangRate + faults.errorRate + faults.throttleRate)
      return faultError("throttle", call.signingName);
    const category =
      quotas.enabled && call.signingName ? quotaCategory(call.signingName, call.operation) : undefined;
    if (category) {
      const rps = category === "userPoolRead" ? quotas.userPoolReadRps : quotas.userPoolUpdateRps;
      if (!limiter.take(`${ctx.accountId}:${ctx.region}:${category}`, rps, Date.now())) {
        return new AwsError("TooManyRequestsException", "Rate exceeded");
      }
    }
    return undefined;
  }

  function contextFor(region: string, requestId: string, principal: Principal): CallContext {
    return { region, accountId: principal.accountId, principal, requestId, now, changed: deps.changed };
  }

  /**
   * The caller's checks before realism and the operation (core/access.ts): an expired session, a
   * region its account has not enabled, and, for role sessions, the role's permissions.
   */
  function admit(call: AwsCall, ctx: CallContext, body: Buffer): AwsError | undefined {
    const account = deps.services.account;
    if (account && isRegional(call.signingName) && !account.regionEnabled(ctx.accountId, ctx.region)) {
      return invalidToken(call);
    }
    const role = ctx.principal?.role;
    if (!role || !ctx.principal || !call.signingName) return undefined;
    const action = iamAction(call);
    if (!needsPermission(action)) return undefined;
    let input: Record<string, unknown> | undefined;
    if (call.protocol === "json") {
      try {
        input = decodeJson(body);
      } catch {
        input = undefined;
      }
    } else if (call.protocol === "query" || call.protocol === "ec2") {
      input = decodeQuery(body).params;
    }
    const resource = callResource(call, ctx, input);
    const decision = decide(deps.services.iam.policyDocuments(ctx.accountId, role.name), action, resource);
    if (decision === "allowed") return undefined;
    return accessDenied(call, ctx.principal, action, resource, decision === "explicitDeny");
  }

  /** Which protocol and service a request speaks, from its target header, form body or path. */
  function identify(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    signedFor: string | undefined,
  ): AwsCall & { query?: ReturnType<typeof decodeQuery> } {
    const method = req.method ?? "GET";
    const requestId = newRequestId();
    const account = deps.services.account;
    if (account && signedFor === account.signingName) {
      const route = account.routes[`${method} ${url.pathname}`];
      return {
        protocol: "restJson",
        signingName: account.signingName,
        operation: route?.operation ?? `${method} ${url.pathname}`,
        requestId,
        method,
      };
    }
    const target = header(req, "x-amz-target");
    if (target !== undefined) {
      const { prefix, operation } = splitTarget(target);
      const service = jsonServices().find(
        (s) => s.targetPrefix === prefix || (s.targetPrefixAliases?.includes(prefix) ?? false),
      );
      return { protocol: "json", signingName: service?.signingName, operation, requestId, method };
    }
    const contentType = header(req, "content-type") ?? "";
    if (
      method === "POST" &&
      url.pathname === "/" &&
      contentType.startsWith("application/x-www-form-urlencoded")
    ) {
      const query = decodeQuery(body);
      const ec2 = deps.services.ec2;
      if (ec2 && (signedFor === ec2.signingName || query.version === "2016-11-15")) {
        return {
          protocol: "ec2",
          signingName: ec2.signingName,
          operation: query.action,
          requestId,
          method,
          query,
        };
      }
      const service =
        queryServices().find((s) => s.signingName === signedFor) ??
        (query.version === "2010-05-08"
          ? deps.services.iam
          : query.version === "2011-06-15"
            ? deps.services.sts
            : undefined);
      return {
        protocol: "query",
        signingName: service?.signingName,
        operation: query.action,
        requestId,
        method,
        xmlns: service?.xmlns ?? DEFAULT_QUERY_XMLNS,
        query,
      };
    }
    const s3 = deps.services.s3;
    return {
      protocol: "rest",
      signingName: "s3",
      operation: s3 ? s3.operationName(method, url.pathname, url.searchParams) : `${method}Service`,
      requestId,
      method,
    };
  }

  /** Run the call on its service and encode the answer; AwsError thrown here is encoded by the caller. */
  function serve(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    call: ReturnType<typeof identify>,
    ctx: CallContext,
  ): WireAnswer | Promise<WireAnswer> {
    if (call.protocol === "json") {
      const service = jsonServices().find((s) => s.signingName === call.signingName);
      const handler = service?.operations[call.operation];
      if (!service || !handler || !Object.hasOwn(service.operations, call.operation)) {
        // Our text: AWS answers UnknownOperationException with no useful message.
        throw new AwsError(
          "UnknownOperationException",
          `Unknown operation ${header(req, "x-amz-target") ?? ""}`,
        );
      }
      const input = decodeJson(body);
      const answered = (output: unknown): WireAnswer => {
        deps.onServed?.({ signingName: call.signingName, operation: call.operation, input, output, ctx });
        return encodeJsonAnswer(output, call.requestId);
      };
      // SQS's long polls answer later; every other operation answers at once.
      const output = handler(input, ctx);
      return output instanceof Promise ? output.then(answered) : answered(output);
    }
    if (call.protocol === "query") {
      const service = queryServices().find((s) => s.signingName === call.signingName);
      const handler = service?.operations[call.operation];
      if (!service || !handler || !Object.hasOwn(service.operations, call.operation)) {
        throw new AwsError(
          "InvalidAction",
          `Could not find operation ${call.operation} for version ${call.query?.version ?? "(none)"}`,
        );
      }
      const result = handler(call.query?.params ?? {}, ctx);
      return encodeQueryAnswer(call.operation, result, service.xmlns, call.requestId);
    }
    if (call.protocol === "ec2") {
      const ec2 = deps.services.ec2;
      const handler = ec2?.operations[call.operation];
      if (!ec2 || !handler || !Object.hasOwn(ec2.operations, call.operation)) {
        // EC2's code for an action it does not have (EC2 API reference, "Common client errors").
        throw new AwsError(
          "InvalidAction",
          `The action ${call.operation} is not valid for this web service.`,
        );
      }
      return encodeEc2Answer(
        call.operation,
        handler(call.query?.params ?? {}, ctx),
        ec2.xmlns,
        call.requestId,
      );
    }
    if (call.protocol === "restJson") {
      const route = deps.services.account?.routes[`${call.method} ${url.pathname}`];
      if (!route) {
        // Ours: AWS's answer for a path the API does not have is not captured.
        throw new AwsError(
          "UnknownOperationException",
          `Unknown operation ${call.method} ${url.pathname}`,
          404,
        );
      }
      return encodeRestJsonAnswer(route.handler(decodeJson(body), ctx), call.requestId);
    }
    const s3 = deps.services.s3;
    if (!s3) throw new AwsError("NotImplemented", "S3 is not available in this sandbox build.", 501);
    const received: Record<string, string | undefined> = {};
    for (const name of Object.keys(req.headers)) received[name] = header(req, name);
    const { headers, body: payload } = decodeRestBody(received, body);
    const path = decodeURIComponent(url.pathname);
    const answer = encodeRestAnswer(
      s3.serve({ method: call.method, path, query: url.searchParams, headers, body: payload }, ctx),
      s3.xmlns,
    );
    return {
      status: answer.status,
      headers: { "x-amz-request-id": call.requestId, "x-amz-id-2": newHostId(), ...(answer.headers ?? {}) },
      body: call.method === "HEAD" ? undefined : answer.body,
    };
  }

  async function handleAws(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const startMs = performance.now();
    const body = await readBody(req);
    const scope = sigV4Scope(header(req, "authorization"), url.searchParams);
    const call = identify(req, url, body, scope?.service);
    count(call);
    if (observers.size > 0) {
      res.once("finish", () => {
        const errorType = errorTypes.get(res);
        const answered: AnsweredCall = {
          key: `${call.signingName ?? "unknown"}:${call.operation}`,
          operation: call.operation,
          accessKeyId: scope?.accessKeyId ?? "",
          region: scope?.region ?? "",
          status: res.statusCode,
          ...(res.statusCode >= 300 ? { errorType: String(errorType ?? `HTTP ${res.statusCode}`) } : {}),
          startMs,
          endMs: performance.now(),
        };
        for (const listener of observers) {
          try {
            listener(answered);
          } catch (error) {
            // An observer's bug must not take the sandbox (and the process hosting it) down.
            deps.log(
              `sandbox: a call observer failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
      });
    }

    if (!scope) return sendError(res, call, missingAuth(call.protocol));
    const principal = deps.services.sts.principalFor(
      scope.accessKeyId,
      now(),
      header(req, "x-amz-security-token") ?? url.searchParams.get("X-Amz-Security-Token") ?? undefined,
    );
    if (principal === "expired") return sendError(res, call, expiredToken(call));
    if (principal === "invalid") return sendError(res, call, invalidToken(call));
    const ctx = contextFor(scope.region, call.requestId, principal);
    const refused = admit(call, ctx, body);
    if (refused) return sendError(res, call, refused);
    const realismOutcome = await applyRealism(call, ctx);
    if (realismOutcome === "hang") {
      hung.add(res);
      res.on("close", () => hung.delete(res));
      if (releasing) res.destroy();
      return;
    }
    if (realismOutcome) return sendError(res, call, realismOutcome);

    try {
      const answer = await serve(req, url, body, call, ctx);
      deps.flush();
      sendAnswer(res, answer);
    } catch (error) {
      deps.flush();
      if (error instanceof AwsError) return sendError(res, call, error);
      deps.log(
        `sandbox: ${call.signingName ?? "?"}:${call.operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendError(res, call, faultError("internal", call.signingName));
    }
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    if (isCrossSite(req)) {
      return sendJson(res, 403, {
        error: "The sandbox's control endpoints refuse requests from web pages of other sites.",
      });
    }
    const route = url.pathname.replace(/\/+$/, "");
    const readJson = async (): Promise<unknown> => {
      const text = (await readBody(req)).toString("utf8");
      return text.trim() === "" ? {} : JSON.parse(text);
    };
    try {
      if (route === "/_sandbox/health" && method === "GET") {
        return sendJson(res, 200, {
          status: "ok",
          accountId: deps.accountId,
          regions: deps.regions(),
          services: Object.keys(deps.services).filter((k) => deps.services[k as keyof SandboxServices]),
        });
      }
      if (route === "/_sandbox/config") {
        if (method === "GET") return sendJson(res, 200, realism);
        if (method === "POST" || method === "PUT") {
          let patch: unknown;
          try {
            patch = await readJson();
          } catch {
            return sendJson(res, 400, { error: 'The body must be JSON, e.g. {"latencyMs":50}.' });
          }
          try {
            realism = applyRealismPatch(realism, patch);
          } catch (error) {
            return sendJson(res, 400, { error: (error as Error).message });
          }
          limiter.reset();
          return sendJson(res, 200, realism);
        }
      }
      if (route === "/_sandbox/calls") {
        if (method === "GET") return sendJson(res, 200, { total: callTotal, byOperation });
        if (method === "DELETE") {
          callTotal = 0;
          byOperation = {};
          return sendJson(res, 200, { total: 0, byOperation: {} });
        }
      }
      if (route === "/_sandbox/emit" && method === "POST" && deps.delivery) {
        let input: unknown;
        try {
          input = await readJson();
        } catch {
          return sendJson(res, 400, { error: "The body must be JSON." });
        }
        const out = await deps.delivery.emit(input);
        deps.flush();
        return sendJson(res, 200, out ?? {});
      }
      if (
        route === "/_sandbox/delivery-faults" &&
        (method === "GET" || method === "POST") &&
        deps.delivery?.faults
      ) {
        let input: unknown = {};
        try {
          if (method === "POST") input = await readJson();
        } catch {
          return sendJson(res, 400, { error: "The body must be JSON." });
        }
        return sendJson(res, 200, deps.delivery.faults(method, input));
      }
      if (route === "/_sandbox/diagnostics" && method === "GET" && deps.delivery) {
        return sendJson(res, 200, await deps.delivery.diagnose(Object.fromEntries(url.searchParams)));
      }
      return sendJson(res, 404, {
        error: `No sandbox endpoint ${method} ${url.pathname}. Try GET /_sandbox/health, GET|POST /_sandbox/config, GET|DELETE /_sandbox/calls${deps.delivery ? ", POST /_sandbox/emit, GET /_sandbox/diagnostics, GET|POST /_sandbox/delivery-faults" : ""}.`,
      });
    } catch (error) {
      const status = error instanceof AwsError ? error.status : 400;
      return sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const allowedHosts = new Set([...LOOPBACK_NAMES, ...(deps.allowedHosts ?? []).map(hostNameOf)]);
  const server = createServer((req, res) => {
    const host = hostNameOf(req.headers.host);
    if (!allowedHosts.has(host) && !host.endsWith(".localhost")) {
      return sendJson(res, 421, {
        error: `The sandbox does not answer to host ${JSON.stringify(host.slice(0, 100))}; use http://127.0.0.1:<port> (or start it with --allow-host).`,
      });
    }
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    const control = url.pathname === "/_sandbox" || url.pathname.startsWith("/_sandbox/");
    // The AWS endpoints change state too, and IAM's and STS's query protocol takes a form POST that
    // any page can send (presigned-style query parameters stand in for the Authorization header,
    // and signatures are not checked). SDKs and tools send neither Origin nor Sec-Fetch-Site.
    if (!control && isCrossSite(req)) {
      return sendJson(res, 403, {
        error: "The sandbox refuses requests from web pages of other sites; call it with an AWS SDK or CLI.",
      });
    }
    const handler = control ? handleControl : handleAws;
    handler(req, res, url).catch((error: unknown) => {
      if (error instanceof AwsError && error.status === 413)
        return sendJson(res, 413, { error: error.message });
      deps.log(
        `sandbox: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: "internal sandbox error" });
    });
  });

  // AWS's endpoints keep an idle connection open for about a minute; Node's default is 5 s. A client
  // that sends on a kept-alive socket just as the server closes it gets ECONNRESET ("socket hang up"),
  // which tests with one attempt per call (test-support/clients.ts) cannot retry.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  return {
    server,
    observe(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    realism: () => realism,
    setRealism(patch) {
      realism = applyRealismPatch(realism, patch);
      limiter.reset();
      return realism;
    },
    calls: () => ({ total: callTotal, byOperation: { ...byOperation } }),
    resetCalls() {
      callTotal = 0;
      byOperation = {};
    },
    release() {
      releasing = true;
      for (const res of hung) res.destroy();
      hung.clear();
    },
  };
}
