/**
 * Errors in the user's terms (issue 12 §5), over HTTP: the BFF against the sandbox, and against a
 * tiny server that answers what AWS never would (an HTML page, as a proxy or an emulator does).
 */
import http from "node:http";
import { FirehoseClient, TagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { AwsCallError, NOT_AN_AWS_ANSWER, toAwsCallError } from "../src/aws/errors.ts";
import { loadConfig } from "../src/config.ts";
import { searchRejection } from "../src/features/destinations/routes.ts";
import { createPool, createStream, type Stack, startStack, waitForFleet } from "./helpers.ts";

/** zod's own texts, which must never reach a person. */
const RAW_LIBRARY_TEXT =
  /Invalid (input|option|key|element|union|string|type)|expected (string|number|one of|object|array)|received|Too (big|small)|Unrecognized key/;

describe("errors in the user's terms (BFF over HTTP against the sandbox)", () => {
  let stack: Stack;
  let poolId: string;
  beforeAll(async () => {
    stack = await startStack();
    poolId = await createPool(stack.sandbox, "us-east-1", "user-errors", "PLUS");
  });
  afterAll(() => stack.close());

  it.each([
    ["logGroup", "/aws/vendedlogs/cognito:*", "':'"],
    ["logGroup", "cognito errors", "spaces"],
    ["s3", "My Bucket", "'M'"],
    ["firehose", "siem*", "'*'"],
  ])("a %s search for %j is the user's field error (400), not AWS's (502)", async (kind, q, named) => {
    const answer = await stack.call(
      "GET",
      `/api/destinations?region=us-east-1&kind=${kind}&q=${encodeURIComponent(q)}`,
    );
    expect(answer.status, answer.text).toBe(400);
    const errors = answer.json.errors as Array<{ path: string; message: string }>;
    expect(errors.map((e) => e.path)).toEqual(["querystring.q"]);
    expect(errors[0]?.message).toContain("may contain only");
    expect(errors[0]?.message).toContain(named);
  });

  it("a search AWS can serve still answers 200", async () => {
    const answer = await stack.call(
      "GET",
      "/api/destinations?region=us-east-1&kind=logGroup&q=/aws/vendedlogs/",
    );
    expect(answer.status, answer.text).toBe(200);
  });

  it("a search AWS rejects anyway becomes a 400 on the search field, keeping AWS's words in the detail", () => {
    const rejected = new AwsCallError(
      "InvalidParameterException",
      "1 validation error detected: Value 'x' at 'logGroupNamePrefix' failed to satisfy constraint",
      400,
      "req-1",
      "service",
      "logs.DescribeLogGroups",
    );
    const problem = searchRejection(rejected, "logGroup", "x") as {
      status: number;
      options: { errors: Array<{ path: string }>; detail: string };
    };
    expect(problem.status).toBe(400);
    expect(problem.options.errors.map((e) => e.path)).toEqual(["querystring.q"]);
    expect(problem.options.detail).toContain("InvalidParameterException");
    // Not the user's input: left to the shared mapping.
    const throttled = new AwsCallError(
      "ThrottlingException",
      "slow down",
      400,
      null,
      "service",
      "logs.DescribeLogGroups",
    );
    expect(searchRejection(throttled, "logGroup", "x")).toBe(throttled);
  });

  it.each([
    ["UserActivity", "user activity (`userAuthEvents`)"],
    ["USER_ACTIVITY", "user activity (`userAuthEvents`)"],
    ["userActivity", "user activity (`userAuthEvents`)"],
    ["USER_NOTIFICATION", "message-delivery errors (`userNotification`)"],
    ["user-notification", "message-delivery errors (`userNotification`)"],
  ])("the event source spelled %s gets 'did you mean …?'", async (spelled, meant) => {
    const answer = await stack.call("POST", `/api/pools/${poolId}/log-delivery/${spelled}/preview`, {
      body: { destination: { kind: "logGroup", arn: "arn:aws:logs:us-east-1:123456789012:log-group:x" } },
    });
    expect(answer.status, answer.text).toBe(400);
    const errors = answer.json.errors as Array<{ path: string; message: string }>;
    expect(errors).toContainEqual({
      path: "params.eventSource",
      message: expect.stringContaining(`did you mean ${meant}?`),
    });
    expect(answer.text).not.toMatch(RAW_LIBRARY_TEXT);
  });

  it.each([
    [
      "an unknown event source",
      "POST",
      (id: string) => `/api/pools/${id}/log-delivery/bogus/preview`,
      { destination: { kind: "logGroup", arn: "x" } },
    ],
    [
      "a body of the wrong type",
      "POST",
      (id: string) => `/api/pools/${id}/log-delivery/userAuthEvents/preview`,
      { destination: "s3" },
    ],
    [
      "a destination kind AWS does not have",
      "POST",
      (id: string) => `/api/pools/${id}/log-delivery/userAuthEvents/preview`,
      { destination: { kind: "kinesis", arn: "x" } },
    ],
    [
      "a missing body member",
      "POST",
      (id: string) => `/api/pools/${id}/log-delivery/userAuthEvents/preview`,
      {},
    ],
    [
      "a limit out of range",
      "GET",
      () => "/api/destinations?region=us-east-1&kind=logGroup&limit=1000",
      undefined,
    ],
    ["an unknown sort key", "GET", () => "/api/pools?sort=colour", undefined],
  ])("%s answers 400 in the user's terms, never zod's", async (_what, method, url, body) => {
    const answer = await stack.call(method, url(poolId), body === undefined ? {} : { body });
    expect(answer.status, answer.text).toBe(400);
    expect((answer.json.errors as unknown[]).length).toBeGreaterThan(0);
    expect(answer.text).not.toMatch(RAW_LIBRARY_TEXT);
  });

  it("a Firehose stream at AWS's 50-tag limit: the fix says which limit and what to do, not 'Resource limit exceeded.'", async () => {
    const arn = await createStream(stack.sandbox, "us-east-1", "user-errors-full", false);
    const firehose = new FirehoseClient({
      region: "us-east-1",
      endpoint: stack.sandbox.endpoint,
      credentials: { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" },
    });
    await firehose.send(
      new TagDeliveryStreamCommand({
        DeliveryStreamName: "user-errors-full",
        Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `team-${i}`, Value: "x" })),
      }),
    );
    firehose.destroy();
    const answer = await stack.call("POST", `/api/pools/${poolId}/fixes`, {
      body: { action: "tag-firehose-stream", target: arn },
    });
    expect(answer.status, answer.text).toBe(409);
    expect(answer.json.type).toBe("urn:clc:problem:aws-limit-exceeded");
    expect(answer.json.errors[0].message).toContain("50 tags");
    expect(answer.json.hint).toContain("Remove a tag");
  });
});

// Every read of a pool behind the proxy is refused with a 5xx, so the fleet read goes through all
// its retries and backoff, and a second round, before the row settles: about 5 s by design, which is
// Vitest's default timeout (it failed CI-style runs on a loaded machine). A wider ceiling, not a
// speed claim.
describe("an answer that is not AWS's (HTML from a proxy)", { timeout: 30_000 }, () => {
  let sandboxStack: Stack;
  let proxy: http.Server;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;

  beforeAll(async () => {
    sandboxStack = await startStack();
    await createPool(sandboxStack.sandbox, "us-east-1", "behind-a-proxy", "ESSENTIALS");
    const upstream = new URL(sandboxStack.sandbox.endpoint);
    // Forwards to the sandbox, except Cognito's DescribeUserPool and every S3 call, which a
    // misbehaving proxy answers with its own HTML error page.
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const target = String(req.headers["x-amz-target"] ?? "");
        const isS3 = /Credential=[^/]+\/\d+\/[^/]+\/s3\//.test(String(req.headers.authorization ?? ""));
        // And the listing of one whole region (eu-west-1).
        const euListing =
          target.endsWith(".ListUserPools") &&
          /\/eu-west-1\/cognito-idp\//.test(String(req.headers.authorization));
        if (target.endsWith(".DescribeUserPool") || isS3 || euListing) {
          res.writeHead(502, { "content-type": "text/html" });
          res.end("<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>");
          return;
        }
        const forward = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const address = proxy.address();
    const port = typeof address === "object" && address ? address.port : 0;
    app = await buildApp({
      config: loadConfig({ CLC_MODE: "sandbox", LOG_LEVEL: "silent", COGNITO_READ_RPS: "200" }),
      target: { mode: "sandbox", endpoint: `http://127.0.0.1:${port}` },
      auth: "none",
      logger: false,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const own = app.server.address();
    base = `http://127.0.0.1:${typeof own === "object" && own ? own.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    await sandboxStack?.close();
  });

  const get = async (url: string) => {
    const response = await fetch(`${base}${url}`);
    // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely, as in helpers.ts.
    return { status: response.status, json: (await response.json()) as any };
  };

  it("the fleet row says the endpoint answered with something that is not an AWS response, with its status", async () => {
    await get("/api/pools");
    await waitForFleet({
      call: async (_m: string, url: string) => ({ ...(await get(url)), text: "", headers: new Headers() }),
    } as unknown as Stack);
    const rows = (await get("/api/pools?limit=500")).json.items as Array<{
      name: string;
      readState: string;
      readError?: string;
    }>;
    const row = rows.find((r) => r.name === "behind-a-proxy");
    expect(row?.readState).toBe("unknown");
    expect(row?.readError).toContain("not an AWS response");
    expect(row?.readError).toContain("HTTP 502");
    expect(row?.readError).not.toMatch(/SyntaxError|Deserialization error|Unexpected token/);
  });

  it("a region whose listing failed is named with why in the fleet status (its pools are missing, not absent)", async () => {
    await get("/api/pools");
    await waitForFleet({
      call: async (_m: string, url: string) => ({ ...(await get(url)), text: "", headers: new Headers() }),
    } as unknown as Stack);
    const status = (await get("/api/fleet/status")).json as {
      regionErrors?: Array<{ region: string; message: string }>;
    };
    expect(status.regionErrors?.map((e) => e.region)).toEqual(["eu-west-1"]);
    expect(status.regionErrors?.[0]?.message).toContain("not an AWS response");
    expect(status.regionErrors?.[0]?.message).toContain("HTTP 502");
  });

  it("a call the user waits on answers a 502 problem that names the foreign answer", async () => {
    const answer = await get("/api/destinations?region=us-east-1&kind=s3");
    expect(answer.status).toBe(502);
    expect(answer.json.type).toBe("urn:clc:problem:aws-not-aws-answer");
    expect(answer.json.detail).toContain("HTTP 502 (text/html)");
    expect(answer.json.detail).toContain("not an AWS response");
  });
});

describe("which failed answers are not AWS's", () => {
  const html = { statusCode: 502, headers: { "content-type": "text/html" } };
  const syntax = (requestId?: string) =>
    Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), {
      $metadata: { httpStatusCode: 502, ...(requestId ? { requestId } : {}) },
      $response: html,
    });

  it("an unparseable answer without an AWS request id is someone else's, with its status and type", () => {
    const error = toAwsCallError(syntax(), "logs.DescribeLogGroups");
    expect(error.code).toBe(NOT_AN_AWS_ANSWER);
    expect(error.message).toContain("HTTP 502 (text/html)");
    expect(error.message).not.toContain("SyntaxError");
  });

  it("an error document the SDK could not read (name Unknown) is someone else's too", () => {
    const unknown = Object.assign(new Error("UnknownError"), {
      name: "Unknown",
      $metadata: { httpStatusCode: 500 },
      $response: { statusCode: 500, headers: {} },
    });
    expect(toAwsCallError(unknown, "s3.ListBuckets").code).toBe(NOT_AN_AWS_ANSWER);
  });

  it("an answer carrying an AWS request id stays AWS's own, and an AWS error code is kept", () => {
    expect(toAwsCallError(syntax("req-123"), "logs.DescribeLogGroups").code).not.toBe(NOT_AN_AWS_ANSWER);
    const aws = Object.assign(new Error("Rate exceeded"), {
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 400 },
      $response: { statusCode: 400, headers: { "content-type": "application/x-amz-json-1.1" } },
    });
    expect(toAwsCallError(aws, "logs.DescribeLogGroups").code).toBe("ThrottlingException");
  });
});
