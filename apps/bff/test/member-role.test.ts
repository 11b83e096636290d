/**
 * The member-account role against the code that uses it: every SDK command a gateway sends has its
 * IAM action in the catalogue (so the template stays honest), and the BFF serves the template and
 * the connection test over HTTP against the sandbox.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MEMBER_ROLE_PERMISSIONS, memberRolePermissions, memberRoleTemplate } from "@clc/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Stack, startStack } from "./helpers.ts";
import { UNPROBED_READ_ACTIONS } from "./unprobed-permissions.ts";

const AWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/aws");

/** The IAM service prefix of each gateway file's service (a new gateway must be named here). */
const SERVICE_OF_GATEWAY: Record<string, string> = {
  cognito: "cognito-idp",
  logs: "logs",
  firehose: "firehose",
  s3: "s3",
  iam: "iam",
  sts: "sts",
  account: "account",
  ec2: "ec2",
  organizations: "organizations",
  cloudwatch: "cloudwatch",
  "logs-events": "logs",
  "s3-objects": "s3",
  sqs: "sqs",
  eventbridge: "events",
  cloudtrail: "cloudtrail",
};

/**
 * Services the console calls with its own credentials in the management (or delegated
 * administrator) account, never through the member role: discovery of the accounts.
 */
const MANAGEMENT_ONLY = new Set(["organizations"]);
/**
 * Commands the console sends with its own credentials, never through the member role: assuming the
 * member role itself (the role's trust policy admits the console's principal; aws/sts-gateway.ts).
 */
const OWN_CREDENTIALS_ONLY = new Set(["sts:AssumeRole"]);

interface GatewaySource {
  gateway: string;
  service: string | undefined;
  text: string;
  /** `service:Operation` of every `new XCommand(` in the file. */
  operations: string[];
}

function gatewaySources(): GatewaySource[] {
  return readdirSync(AWS_DIR)
    .filter((file) => file.endsWith("-gateway.ts"))
    .map((file) => {
      const gateway = file.replace(/-gateway\.ts$/, "");
      const service = SERVICE_OF_GATEWAY[gateway];
      const text = readFileSync(path.join(AWS_DIR, file), "utf8");
      const operations = [...text.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `${service}:${name}`);
      return { gateway, service, text, operations };
    });
}

describe("the member-role catalogue, against the gateways' SDK commands", () => {
  const sources = gatewaySources();

  it("knows the IAM service of every gateway", () => {
    expect(sources.filter((s) => s.service === undefined).map((s) => s.gateway)).toEqual([]);
    expect(sources.flatMap((s) => s.operations).length).toBeGreaterThan(30);
  });

  it("names an IAM action for every command a gateway sends", () => {
    const covered = new Set(MEMBER_ROLE_PERMISSIONS.flatMap((entry) => entry.operations));
    const sent = [
      ...new Set(sources.filter((s) => !MANAGEMENT_ONLY.has(s.service ?? "")).flatMap((s) => s.operations)),
    ].filter((operation) => !OWN_CREDENTIALS_ONLY.has(operation));
    expect(sent.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  it("names no operation or gateway call of a gateway's service that the gateway does not make", () => {
    // Several gateway files may serve one service (logs and logs-events): their operations together.
    const byService = new Map<string | undefined, { operations: string[] }>();
    for (const s of sources) {
      const known = byService.get(s.service);
      byService.set(s.service, { operations: [...(known?.operations ?? []), ...s.operations] });
    }
    const byGateway = new Map(sources.map((s) => [s.gateway, s]));
    const stale: string[] = [];
    for (const entry of MEMBER_ROLE_PERMISSIONS) {
      for (const operation of entry.operations) {
        const source = byService.get(operation.split(":")[0]);
        if (source && !source.operations.includes(operation)) stale.push(`${entry.action}: ${operation}`);
      }
      for (const call of entry.neededBy) {
        const [gateway, method] = call.split(".") as [string, string];
        const source = byGateway.get(gateway);
        // A gateway not written yet (account.listRegions, for the accounts fan-out) is not checked.
        if (source && !new RegExp(`\\b${method}\\(`).test(source.text))
          stale.push(`${entry.action}: ${call}`);
      }
    }
    expect(stale).toEqual([]);
  });
});

describe("the member role over HTTP", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: "demo" });
  }, 30_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("serves each variant as a YAML download that is the domain's template", async () => {
    for (const variant of ["read", "full"] as const) {
      const answer = await stack.call("GET", `/api/accounts/member-role-template?variant=${variant}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^application\/yaml/);
      expect(answer.headers.get("content-disposition")).toBe(
        `attachment; filename="cognito-log-console-role-${variant}.yaml"`,
      );
      // Read as YAML 1.1 (what CloudFormation and cfn-lint speak): dates such as the policy Version
      // must stay strings there too, so they have to be quoted.
      expect(parse(answer.text, { version: "1.1" })).toEqual(memberRoleTemplate(variant));
    }
  });

  it("serves JSON when asked", async () => {
    const answer = await stack.call("GET", "/api/accounts/member-role-template?variant=full&format=json");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toContain("cognito-log-console-role-full.json");
    expect(answer.json).toEqual(memberRoleTemplate("full"));
  });

  it("refuses an unknown variant with a problem naming the query field", async () => {
    const answer = await stack.call("GET", "/api/accounts/member-role-template?variant=admin");
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([expect.objectContaining({ path: "querystring.variant" })]);
  });

  it("tests the console's own account: every probed permission allowed, the identity named", async () => {
    const answer = await stack.call("POST", "/api/accounts/connection-test");
    expect(answer.status).toBe(200);
    const result = answer.json;
    expect(result.identity.account).toBe(stack.sandbox.accountId);
    expect(result.region).toBe(stack.config.regions[0]);
    expect(result.checks.filter((c: { outcome: string }) => c.outcome !== "allowed")).toEqual([]);
    expect(result.ok).toBe(true);
    // Every read permission is either probed or said to be unprobed, with why.
    const accounted = [...result.checks, ...result.unchecked].map((c: { action: string }) => c.action).sort();
    expect(accounted).toEqual(
      memberRolePermissions("read")
        .map((e) => e.action)
        .sort(),
    );
    // Not probed yet (each is listed with why): the account's regions, and delivery verification's reads.
    expect(result.unchecked.map((u: { action: string }) => u.action).sort()).toEqual(UNPROBED_READ_ACTIONS);
  });

  it("refuses a region the console does not show", async () => {
    const answer = await stack.call("POST", "/api/accounts/connection-test?region=ap-south-2");
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([expect.objectContaining({ path: "querystring.region" })]);
  });
});
