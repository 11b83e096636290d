/**
 * Issue 12 §2: the sandbox's delivery evaluator follows IAM for keys whose presence is known, and
 * says "cannot tell" (no grant, no deny) like @clc/domain's for the rest, so both give one answer.
 */
import { describe, expect, it } from "vitest";
import { allows } from "../src/delivery/policy.ts";

const ACCOUNT = "123456789012";
const GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/cognito/p1`;
const request = {
  actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
  resource: `${GROUP}:log-stream:us-east-1_abc/2025-01-15`,
  context: {
    "aws:SourceAccount": ACCOUNT,
    "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:x`,
  },
};
const doc = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (condition?: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: { Service: "delivery.logs.amazonaws.com" },
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: `${GROUP}:*`,
  ...(condition ? { Condition: condition } : {}),
});
const deny = (condition: Record<string, unknown>) => ({
  Effect: "Deny",
  Principal: "*",
  Action: "*",
  Resource: "*",
  Condition: condition,
});

describe("conditions on keys a service principal's request never carries", () => {
  it("an Allow on aws:PrincipalOrgID does not grant; with IfExists it does", () => {
    expect(allows([doc(allow({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }))], request)).toBe(false);
    expect(allows([doc(allow({ StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } }))], request)).toBe(
      true,
    );
    expect(allows([doc(allow({ Null: { "aws:PrincipalOrgID": "true" } }))], request)).toBe(true);
  });

  it("a Deny outside the organization locks the service out (the negated operator holds)", () => {
    expect(
      allows([doc(allow(), deny({ StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } }))], request),
    ).toBe(false);
    expect(allows([doc(allow(), deny({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }))], request)).toBe(
      true,
    );
  });
});

describe("keys and operators not modelled: cannot tell", () => {
  it("an Allow does not grant (it was lenient before, unlike the console)", () => {
    expect(allows([doc(allow({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }))], request)).toBe(false);
    expect(
      allows([doc(allow({ "ForAnyValue:StringEquals": { "aws:SourceAccount": ACCOUNT } }))], request),
    ).toBe(false);
  });

  it("a Deny does not apply", () => {
    expect(allows([doc(allow(), deny({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }))], request)).toBe(true);
  });

  it("facts of every service request are known: TLS, service principal", () => {
    expect(allows([doc(allow({ Bool: { "aws:PrincipalIsAWSService": "true" } }))], request)).toBe(true);
    expect(
      allows(
        [doc(allow({ StringEquals: { "aws:PrincipalServiceName": "delivery.logs.amazonaws.com" } }))],
        request,
      ),
    ).toBe(true);
  });
});
