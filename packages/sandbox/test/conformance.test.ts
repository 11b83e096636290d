/**
 * The shared conformance file (with the project's own sandbox-gaps cases), case by case, against a
 * fresh sandbox over real HTTP. Well-formed calls go through the real SDK v3 clients (so we also
 * prove the SDK parses our answers); bodies the SDK would not send as written (wrong JSON types) go
 * as raw signed requests.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import {
  type ConformanceCall as Call,
  initialVars,
  loadConformance,
  SANDBOX_GAPS_PATH,
  substitute,
} from "@clc/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { clientConfig, jsonCall, signedFetch } from "./support/aws.ts";
import { type Answer, checkAnswer, saveValues } from "./support/conformance.ts";

const shared = loadConformance();
const gaps = loadConformance(SANDBOX_GAPS_PATH);
if (JSON.stringify(gaps.defaults) !== JSON.stringify(shared.defaults)) {
  throw new Error("conformance: sandbox-gaps.json must use the shared file's account and region");
}
/** Gaps between the sandbox and AWS closed for issue 12 §4, run against the same fresh sandbox. */
const conformance = { ...shared, cases: [...shared.cases, ...gaps.cases] };

class SdkWouldAlterBody extends Error {}

type BuildArgs = { request: unknown };
type BuildStack = {
  add(
    middleware: (
      next: (args: BuildArgs) => Promise<unknown>,
      context: object,
    ) => (args: BuildArgs) => Promise<unknown>,
    options: { step: "build"; name: string },
  ): void;
};
type IntendedBodyMiddleware = (
  next: (args: unknown) => unknown,
  context: Record<string, unknown>,
) => (args: unknown) => unknown;

describe("conformance: shared/conformance/log-delivery.json", () => {
  let sandbox: RunningSandbox;
  const { account, region } = conformance.defaults;
  const sentBy = { sdk: 0, raw: 0 };
  const clients: Record<string, { send(command: unknown): Promise<unknown> }> = {};
  const modules: Record<string, () => Promise<Record<string, unknown>>> = {
    "cognito-idp": () => import("@aws-sdk/client-cognito-identity-provider"),
    logs: () => import("@aws-sdk/client-cloudwatch-logs"),
    firehose: () => import("@aws-sdk/client-firehose"),
    monitoring: () => import("@aws-sdk/client-cloudwatch"),
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none", accountId: account });
    const config = clientConfig(sandbox.endpoint, region);
    const made = {
      "cognito-idp": new CognitoIdentityProviderClient(config),
      logs: new CloudWatchLogsClient(config),
      firehose: new FirehoseClient(config),
      monitoring: new CloudWatchClient(config),
    };
    for (const [name, client] of Object.entries(made)) {
      // Send through the SDK only what it would put on the wire unchanged.
      (client.middlewareStack as unknown as BuildStack).add(
        (next, context) => async (args) => {
          const request = args.request as { body?: unknown };
          const text =
            request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : request.body;
          const sent = typeof text === "string" ? JSON.parse(text) : undefined;
          const intended = (context as { intendedBody?: unknown }).intendedBody;
          if (JSON.stringify(sent) !== JSON.stringify(intended)) throw new SdkWouldAlterBody();
          return next(args);
        },
        { step: "build", name: "conformanceBodyGuard" },
      );
      clients[name] = client as unknown as { send(command: unknown): Promise<unknown> };
    }
  });
  afterAll(() => sandbox?.close());

  async function viaSdk(call: Call, body: unknown): Promise<Answer | undefined> {
    const client = clients[call.service];
    const load = modules[call.service];
    if (!client || !load || !call.action) return undefined;
    const Command = (await load())[`${call.action}Command`] as
      | (new (
          input: unknown,
        ) => {
          middlewareStack: {
            add(middleware: IntendedBodyMiddleware, options: { step: "initialize"; name: string }): void;
          };
        })
      | undefined;
    if (!Command) return undefined;
    const command = new Command(body);
    command.middlewareStack.add(
      (next: (a: unknown) => unknown, context: Record<string, unknown>) => (args: unknown) => {
        context.intendedBody = body;
        return next(args);
      },
      { step: "initialize", name: "conformanceIntendedBody" },
    );
    try {
      const output = (await client.send(command)) as Record<string, unknown>;
      const { $metadata, ...rest } = output as { $metadata: { httpStatusCode?: number } };
      return { status: $metadata.httpStatusCode ?? 0, body: rest };
    } catch (error) {
      if (error instanceof SdkWouldAlterBody) return undefined;
      const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
      if (e.$metadata?.httpStatusCode === undefined) throw error;
      return {
        status: e.$metadata.httpStatusCode,
        body: undefined,
        error: { code: e.name, message: e.message },
      };
    }
  }

  async function viaRaw(call: Call, body: unknown): Promise<Answer> {
    if (call.action) {
      const raw = await jsonCall(sandbox.endpoint, region, call.service, call.action, body);
      const parsed = raw.text ? (JSON.parse(raw.text) as Record<string, unknown>) : {};
      return raw.status >= 300
        ? {
            status: raw.status,
            body: parsed,
            error: { code: String(parsed.__type), message: String(parsed.message ?? "") },
          }
        : { status: raw.status, body: parsed };
    }
    const raw = await signedFetch({
      endpoint: sandbox.endpoint,
      region,
      service: call.service,
      method: call.method ?? "GET",
      path: call.path ?? "/",
      ...(call.body !== undefined
        ? { body: typeof call.body === "string" ? call.body : JSON.stringify(call.body) }
        : {}),
      ...(call.headers ? { headers: call.headers } : {}),
    });
    const code = /<Code>([^<]*)<\/Code>/.exec(raw.text)?.[1];
    const escaped = /<Message>([^<]*)<\/Message>/.exec(raw.text)?.[1];
    // XML text: S3 escapes the apostrophe in "ObjectOwnership's" and the like.
    const message = escaped
      ?.replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    return {
      status: raw.status,
      body: raw.text,
      ...(raw.status >= 300 && code ? { error: { code, message: message ?? "" } } : {}),
    };
  }

  async function run(call: Call, vars: Record<string, string>): Promise<Answer> {
    const body = substitute(call.body ?? {}, vars);
    const sdkAnswer = call.action ? await viaSdk(call, body) : undefined;
    if (sdkAnswer) sentBy.sdk += 1;
    else sentBy.raw += 1;
    const answer = sdkAnswer ?? (await viaRaw(substitute(call, vars), body));
    saveValues(answer, call.save, vars);
    return answer;
  }

  it("loads a file with cases", () => {
    expect(conformance.cases.length).toBeGreaterThan(0);
  });

  for (const testCase of conformance.cases) {
    it(`${testCase.id}: ${testCase.title}`, async () => {
      const vars = initialVars(conformance);
      for (const [i, step] of testCase.setup.entries()) {
        const answer = await run(step, vars);
        expect(
          answer.status,
          `setup ${i + 1} (${step.action ?? `${step.method} ${step.path}`}): ${JSON.stringify(answer)}`,
        ).toBeLessThan(300);
      }
      checkAnswer(await run(testCase.call, vars), testCase.expect, vars, "call");
      for (const [i, next] of (testCase.then ?? []).entries()) {
        checkAnswer(await run(next.call, vars), next.expect, vars, `then ${i + 1}`);
      }
    });
  }

  it("sent the well-formed calls through the real SDK clients", () => {
    // Only the wrong-JSON-type body and the S3 calls need raw requests.
    expect(sentBy.sdk).toBeGreaterThan(sentBy.raw * 5);
  });
});
