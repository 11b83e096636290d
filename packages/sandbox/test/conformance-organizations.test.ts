// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` is the conformance file's own placeholder syntax
/**
 * The project's several-accounts conformance cases (`packages/conformance/cases/organizations.json`)
 * and the events path's (`events.json`, issue 16), each file against a fresh sandbox with the seed it names, every call through the real SDK v3 client of its
 * service (awsJson, awsQuery and REST-JSON alike), signed for the call's region and credentials.
 */
import {
  type ConformanceCall as Call,
  EVENTS_PATH,
  initialVars,
  loadConformance,
  ORGANIZATIONS_PATH,
  substitute,
} from "@clc/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSeed, type RunningSandbox, startSandbox } from "../src/index.ts";
import { clientConfig } from "../test-support/clients.ts";
import { type Answer, checkAnswer, saveValues } from "./support/conformance.ts";

const MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  sts: () => import("@aws-sdk/client-sts"),
  iam: () => import("@aws-sdk/client-iam"),
  organizations: () => import("@aws-sdk/client-organizations"),
  account: () => import("@aws-sdk/client-account"),
  ec2: () => import("@aws-sdk/client-ec2"),
  "cognito-idp": () => import("@aws-sdk/client-cognito-identity-provider"),
  sqs: () => import("@aws-sdk/client-sqs"),
  events: () => import("@aws-sdk/client-eventbridge"),
  cloudtrail: () => import("@aws-sdk/client-cloudtrail"),
  s3: () => import("@aws-sdk/client-s3"),
};
const CLIENTS: Record<string, string> = {
  sts: "STSClient",
  iam: "IAMClient",
  organizations: "OrganizationsClient",
  account: "AccountClient",
  ec2: "EC2Client",
  "cognito-idp": "CognitoIdentityProviderClient",
  sqs: "SQSClient",
  events: "EventBridgeClient",
  cloudtrail: "CloudTrailClient",
  s3: "S3Client",
};

type Sendable = { send(command: unknown): Promise<unknown>; destroy(): void };

for (const file of [ORGANIZATIONS_PATH, EVENTS_PATH])
  describe(`conformance: ${file.split("/").slice(-3).join("/")}`, () => {
    const conformance = loadConformance(file);
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: parseSeed(conformance.seed ?? "none") });
    });
    afterAll(() => sandbox?.close());

    async function run(raw: Call, vars: Record<string, string>): Promise<Answer> {
      const call = substitute(raw, vars);
      const load = MODULES[call.service];
      if (!load || !call.action)
        throw new Error(`conformance: no SDK client for ${call.service} ${call.action}`);
      const module = await load();
      const Client = module[CLIENTS[call.service] ?? ""] as new (config: unknown) => Sendable;
      const Command = module[`${call.action}Command`] as new (input: unknown) => unknown;
      const client = new Client(
        clientConfig(sandbox.endpoint, call.region ?? conformance.defaults.region, call.credentials),
      );
      let answer: Answer;
      try {
        const { $metadata, ...rest } = (await client.send(new Command(call.body ?? {}))) as {
          $metadata: { httpStatusCode?: number };
        };
        answer = { status: $metadata.httpStatusCode ?? 0, body: rest };
      } catch (error) {
        const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
        if (e.$metadata?.httpStatusCode === undefined) throw error;
        answer = {
          status: e.$metadata.httpStatusCode,
          body: undefined,
          error: { code: e.name, message: e.message },
        };
      } finally {
        client.destroy();
      }
      saveValues(answer, call.save, vars);
      return answer;
    }

    it.runIf(file === ORGANIZATIONS_PATH)("has the cases issue 14 asks for", () => {
      expect(conformance.cases.map((c) => c.id)).toEqual(
        expect.arrayContaining([
          "sts-assume-role-success",
          "sts-assume-role-wrong-external-id",
          "sts-assume-role-missing-role",
          "organizations-list-accounts",
          "account-list-regions",
          "ec2-describe-regions",
          "disabled-region-call",
        ]),
      );
    });

    for (const testCase of conformance.cases) {
      it(`${testCase.id}: ${testCase.title}`, async () => {
        const vars = initialVars(conformance);
        for (const [i, step] of testCase.setup.entries()) {
          const answer = await run(step, vars);
          expect(answer.status, `setup ${i + 1} (${step.action}): ${JSON.stringify(answer)}`).toBeLessThan(
            300,
          );
        }
        checkAnswer(await run(testCase.call, vars), testCase.expect, vars, "call");
        for (const [i, next] of (testCase.then ?? []).entries()) {
          checkAnswer(await run(next.call, vars), next.expect, vars, `then ${i + 1}`);
        }
      });
    }
  });
