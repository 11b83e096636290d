import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketDeliveryStatements,
  bucketPolicyDeliveryStatus,
  bucketPolicyHasDelivery,
  LOG_GROUP_POLICY_MAX_BYTES,
  logGroupDeliveryGrant,
  logGroupDeliveryStatement,
  mergeStatement,
  parsePolicyDocument,
  planBucketPolicy,
  planLogGroupPolicy,
  planLogGroupScopedPolicy,
  policyAllows,
  policyCoversLogGroup,
  RESOURCE_POLICY_MAX_CHARS,
  type ResourcePolicy,
  wildcardMatches,
} from "../src/index.ts";
import { ACCOUNT, lg, REGION } from "./arbitraries.ts";

const groupArn = lg("/app/logs").arn;
const vendedArn = lg("/aws/vendedlogs/cognito/pool/notifications").arn;

function policyText(statements: unknown): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

describe("logGroupDeliveryStatement", () => {
  it("allows log delivery on the group's streams with account and source conditions", () => {
    expect(logGroupDeliveryStatement(groupArn)).toEqual({
      Sid: "AWSLogDeliveryWrite",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${groupArn}:log-stream:*`],
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:*` },
      },
    });
  });

  it("names all of /aws/vendedlogs/ for a vended-logs group, to keep the policy small", () => {
    expect(logGroupDeliveryStatement(vendedArn).Resource).toEqual([
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/*`,
    ]);
  });
});

describe("policyCoversLogGroup", () => {
  it("sees its own statement and wildcards", () => {
    expect(policyCoversLogGroup(policyText([logGroupDeliveryStatement(groupArn)]), groupArn)).toBe(true);
    expect(
      policyCoversLogGroup(
        policyText([logGroupDeliveryStatement(vendedArn)]),
        lg("/aws/vendedlogs/other").arn,
      ),
    ).toBe(true);
    const broad = {
      Effect: "Allow",
      Principal: { Service: ["delivery.logs.amazonaws.com"] },
      Action: "logs:*",
      Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/*`,
    };
    // Statement as a single object, Action and Resource as strings.
    expect(policyCoversLogGroup(JSON.stringify({ Version: "2012-10-17", Statement: broad }), groupArn)).toBe(
      true,
    );
    expect(policyCoversLogGroup(JSON.stringify({ Statement: broad }), lg("/other").arn)).toBe(false);
    // The :* form of the ARN is read as the log group.
    expect(policyCoversLogGroup(JSON.stringify({ Statement: broad }), `${groupArn}:*`)).toBe(true);
  });

  it("needs both actions, the right principal and no Deny", () => {
    const only = (overrides: object) =>
      policyText([{ ...logGroupDeliveryStatement(groupArn), ...overrides }]);
    expect(policyCoversLogGroup(only({ Action: "logs:PutLogEvents" }), groupArn)).toBe(false);
    expect(policyCoversLogGroup(only({ Principal: { Service: "es.amazonaws.com" } }), groupArn)).toBe(false);
    expect(policyCoversLogGroup(only({ Principal: "*" }), groupArn)).toBe(true);
    const deny = { ...logGroupDeliveryStatement(groupArn), Effect: "Deny", Sid: "no" };
    expect(policyCoversLogGroup(policyText([logGroupDeliveryStatement(groupArn), deny]), groupArn)).toBe(
      false,
    );
  });

  it("treats malformed policies as not covering, never throwing", () => {
    for (const policy of [
      "{",
      "null",
      "[]",
      '{"Statement":[1]}',
      '{"Statement":{"Action":5}}',
      42,
      undefined,
    ]) {
      expect(policyCoversLogGroup(policy, groupArn)).toBe(false);
    }
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof policyCoversLogGroup(JSON.stringify(value), groupArn)).toBe("boolean");
      }),
    );
  });
});

describe("wildcardMatches", () => {
  it("matches * and ? and escapes regex characters", () => {
    expect(wildcardMatches("a*c", "abbbc")).toBe(true);
    expect(wildcardMatches("a?c", "abc")).toBe(true);
    expect(wildcardMatches("a.c", "abc")).toBe(false);
    expect(wildcardMatches("LOGS:put*", "logs:PutLogEvents", true)).toBe(true);
  });
});

const statementArb = fc.record({
  Sid: fc.option(fc.constantFrom("A", "B", "AWSLogDeliveryWrite"), { nil: undefined }),
  Effect: fc.constantFrom("Allow", "Deny"),
  Principal: fc.constantFrom("*", { Service: "delivery.logs.amazonaws.com" }, { AWS: "arn:aws:iam::1:root" }),
  Action: fc.oneof(
    fc.constantFrom("logs:PutLogEvents", "s3:*"),
    fc.constant(["logs:CreateLogStream", "logs:PutLogEvents"]),
  ),
  Resource: fc.oneof(
    fc.constantFrom("*", `${groupArn}:log-stream:*`),
    fc.array(fc.constantFrom("a", "b"), { maxLength: 2 }),
  ),
});

describe("mergeStatement", () => {
  it("never drops a statement and ends up covering the log group", () => {
    fc.assert(
      fc.property(fc.array(statementArb, { maxLength: 5 }), fc.boolean(), (statements, asObject) => {
        const existing =
          asObject && statements.length === 1
            ? { Version: "2012-10-17", Statement: statements[0] }
            : { Statement: statements };
        const merged = mergeStatement(JSON.stringify(existing), logGroupDeliveryStatement(vendedArn));
        expect(merged).not.toBeNull();
        if (!merged) return;
        expect(merged.Statement.length).toBeGreaterThanOrEqual(statements.length);
        // Each original statement survives, possibly with more resources.
        for (const original of statements) {
          expect(
            merged.Statement.some(
              (s) =>
                s.Effect === original.Effect && JSON.stringify(s.Action) === JSON.stringify(original.Action),
            ),
          ).toBe(true);
        }
        const streams = `${vendedArn}:log-stream:*`;
        const hasDeny = statements.some(
          (s) =>
            s.Effect === "Deny" &&
            ["logs:CreateLogStream", "logs:PutLogEvents"].some((action) =>
              policyAllows(
                policyText([{ ...s, Effect: "Allow" }]),
                "delivery.logs.amazonaws.com",
                [action],
                streams,
              ),
            ),
        );
        if (!hasDeny) expect(policyCoversLogGroup(merged, vendedArn)).toBe(true);
      }),
    );
  });

  it("extends a statement of the same shape instead of repeating it", () => {
    const existing = policyText([
      { ...logGroupDeliveryStatement(groupArn), Sid: "AWSLogDeliveryWrite20150319" },
    ]);
    const merged = mergeStatement(existing, logGroupDeliveryStatement(lg("/app/other").arn));
    expect(merged?.Statement).toHaveLength(1);
    expect(merged?.Statement[0]?.Resource).toEqual([
      `${groupArn}:log-stream:*`,
      `${lg("/app/other").arn}:log-stream:*`,
    ]);
  });

  it("renames a clashing Sid and refuses an unreadable policy", () => {
    const merged = mergeStatement(
      policyText([
        { Sid: "AWSLogDeliveryWrite", Effect: "Allow", Principal: "*", Action: "x", Resource: "y" },
      ]),
      logGroupDeliveryStatement(groupArn),
    );
    expect(merged?.Statement.map((s) => s.Sid)).toEqual(["AWSLogDeliveryWrite", "AWSLogDeliveryWrite2"]);
    expect(mergeStatement("not json", logGroupDeliveryStatement(groupArn))).toBeNull();
  });
});

function fillerPolicy(name: string, size: number): ResourcePolicy {
  const statement = {
    Sid: "Filler",
    Effect: "Allow",
    Principal: { Service: "delivery.logs.amazonaws.com" },
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [] as string[],
  };
  let n = 0;
  while (policyText([statement]).length < size) statement.Resource.push(lg(`/filler/${n++}`).arn);
  return { policyName: name, policyDocument: policyText([statement]) };
}

describe("planLogGroupPolicy", () => {
  it("does nothing when a policy already covers the group", () => {
    const policies = [{ policyName: "P", policyDocument: policyText([logGroupDeliveryStatement(groupArn)]) }];
    expect(planLogGroupPolicy({ logGroupArn: groupArn, resourcePolicies: policies })).toMatchObject({
      action: "none",
      policyName: "P",
    });
  });

  it("adds to an existing delivery policy with room, keeping its statements", () => {
    const other = {
      Sid: "Other",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "logs:PutLogEvents",
      Resource: "x",
    };
    const plan = planLogGroupPolicy({
      logGroupArn: groupArn,
      resourcePolicies: [
        {
          policyName: "unrelated",
          policyDocument: policyText([
            { Effect: "Allow", Principal: { Service: "es.amazonaws.com" }, Action: "logs:*", Resource: "*" },
          ]),
        },
        { policyName: "AWSLogDeliveryWrite20150319", policyDocument: policyText([other]) },
      ],
    });
    expect(plan).toMatchObject({
      action: "update",
      policyName: "AWSLogDeliveryWrite20150319",
      nearlyFull: false,
    });
    if (plan.action !== "update") return;
    expect(policyCoversLogGroup(plan.policyDocument, groupArn)).toBe(true);
    expect(plan.policyDocument).toContain('"Sid":"Other"');
  });

  it("creates a new policy when the existing ones are full", () => {
    const full = fillerPolicy("AWSLogDeliveryWrite20150319", RESOURCE_POLICY_MAX_CHARS - 40);
    const plan = planLogGroupPolicy({
      logGroupArn: groupArn,
      resourcePolicies: [full, { policyName: "CognitoLogDelivery", policyDocument: "{}" }],
    });
    expect(plan).toMatchObject({ action: "create", policyName: "CognitoLogDelivery-2" });
    if (plan.action === "create")
      expect(plan.policyDocument.length).toBeLessThanOrEqual(RESOURCE_POLICY_MAX_CHARS);
  });

  it("says why it cannot when the account is at 10 policies and none has room", () => {
    const policies = Array.from({ length: 10 }, (_, i) =>
      fillerPolicy(`p${i}`, RESOURCE_POLICY_MAX_CHARS - 40),
    );
    const plan = planLogGroupPolicy({ logGroupArn: groupArn, resourcePolicies: policies });
    expect(plan.action).toBe("impossible");
    if (plan.action === "impossible") expect(plan.reason).toMatch(/\/aws\/vendedlogs\//);
  });

  it("flags a policy that is nearly full after the addition", () => {
    const plan = planLogGroupPolicy({
      logGroupArn: groupArn,
      resourcePolicies: [fillerPolicy("AWSLogDeliveryWrite20150319", 4700)],
    });
    expect(plan).toMatchObject({ action: "update", nearlyFull: true });
  });
});

describe("planLogGroupScopedPolicy", () => {
  const accountCovering: ResourcePolicy = {
    policyName: "AWSLogDeliveryWrite20150319",
    policyDocument: policyText([logGroupDeliveryStatement(vendedArn)]),
  };

  it("creates the log group's own policy naming only its streams, with no revision to replace", () => {
    const plan = planLogGroupScopedPolicy({
      logGroupArn: vendedArn,
      accountPolicies: [],
      logGroupPolicy: null,
    });
    expect(plan.action).toBe("put");
    if (plan.action !== "put") return;
    expect(plan.expectedRevisionId).toBeNull();
    const document = parsePolicyDocument(plan.policyDocument);
    expect(document?.Statement).toHaveLength(1);
    // Even under /aws/vendedlogs/: a policy on one log group names that group only.
    expect(document?.Statement[0]?.Resource).toEqual([`${vendedArn}:log-stream:*`]);
    expect(policyCoversLogGroup(plan.policyDocument, vendedArn)).toBe(true);
  });

  it("keeps every statement of the log group's policy and replaces the revision it read", () => {
    const other = {
      Sid: "Other",
      Effect: "Allow",
      Principal: { Service: "es.amazonaws.com" },
      Action: "logs:PutLogEvents",
      Resource: "*",
    };
    const plan = planLogGroupScopedPolicy({
      logGroupArn: groupArn,
      accountPolicies: [],
      logGroupPolicy: { resourceArn: groupArn, policyDocument: policyText([other]), revisionId: "r1" },
    });
    expect(plan).toMatchObject({ action: "put", expectedRevisionId: "r1" });
    if (plan.action !== "put") return;
    expect(parsePolicyDocument(plan.policyDocument)?.Statement[0]).toEqual(other);
  });

  it("does nothing when either scope already grants delivery, and says which", () => {
    expect(
      planLogGroupScopedPolicy({
        logGroupArn: vendedArn,
        accountPolicies: [accountCovering],
        logGroupPolicy: null,
      }),
    ).toMatchObject({
      action: "none",
      grant: { scope: "account", policyName: "AWSLogDeliveryWrite20150319" },
    });
    const own = {
      resourceArn: groupArn,
      policyDocument: policyText([logGroupDeliveryStatement(groupArn)]),
      revisionId: "r",
    };
    expect(
      logGroupDeliveryGrant({ logGroupArn: groupArn, accountPolicies: [], logGroupPolicy: own }),
    ).toEqual({
      scope: "log-group",
    });
    expect(
      logGroupDeliveryGrant({ logGroupArn: groupArn, accountPolicies: [], logGroupPolicy: null }),
    ).toBeNull();
  });

  it("ignores the 10 account-level slots, and refuses only an unreadable or oversized policy", () => {
    const full = Array.from({ length: 10 }, (_, i) => ({
      policyName: `p${i}`,
      policyDocument: policyText([]),
    }));
    expect(
      planLogGroupScopedPolicy({ logGroupArn: groupArn, accountPolicies: full, logGroupPolicy: null }).action,
    ).toBe("put");
    expect(
      planLogGroupScopedPolicy({
        logGroupArn: groupArn,
        accountPolicies: [],
        logGroupPolicy: { resourceArn: groupArn, policyDocument: "not json", revisionId: "r" },
      }).action,
    ).toBe("impossible");
    const huge = JSON.stringify({
      Version: "2012-10-17",
      Statement: [],
      Note: "é".repeat(LOG_GROUP_POLICY_MAX_BYTES / 2),
    });
    expect(
      planLogGroupScopedPolicy({
        logGroupArn: groupArn,
        accountPolicies: [],
        logGroupPolicy: { resourceArn: groupArn, policyDocument: huge, revisionId: "r" },
      }),
    ).toMatchObject({ action: "impossible", reason: expect.stringContaining("51200 bytes") });
  });
});

describe("bucket policy", () => {
  const input = { bucket: "arn:aws:s3:::my-logs", region: REGION, accountId: ACCOUNT };

  it("builds the ACL check and the write statement", () => {
    const [acl, write] = bucketDeliveryStatements(input);
    expect(acl).toMatchObject({ Action: "s3:GetBucketAcl", Resource: "arn:aws:s3:::my-logs" });
    expect(write).toMatchObject({
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::my-logs/AWSLogs/${ACCOUNT}/*`,
      Condition: {
        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:*` },
      },
    });
    expect(bucketPolicyHasDelivery(policyText(bucketDeliveryStatements(input)), "my-logs", ACCOUNT)).toBe(
      true,
    );
  });

  it("detects which statements a policy has", () => {
    const [acl] = bucketDeliveryStatements(input);
    expect(bucketPolicyDeliveryStatus(policyText([acl]), "my-logs", ACCOUNT)).toEqual({
      getBucketAcl: true,
      putObject: false,
    });
    expect(bucketPolicyDeliveryStatus("garbage", "my-logs", ACCOUNT)).toEqual({
      getBucketAcl: false,
      putObject: false,
    });
  });

  it("plans a policy for a bucket without one, adds only what is missing, and keeps other statements", () => {
    const fresh = planBucketPolicy({ ...input, existingPolicy: null });
    expect(fresh.action).toBe("put");
    if (fresh.action === "put") expect(parsePolicyDocument(fresh.policyDocument)?.Statement).toHaveLength(2);

    const [acl] = bucketDeliveryStatements(input);
    const deny = {
      Sid: "DenyHttp",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "arn:aws:s3:::my-logs/*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
    const partial = planBucketPolicy({ ...input, existingPolicy: policyText([deny, acl]) });
    expect(partial.action).toBe("put");
    if (partial.action === "put") {
      const statements = parsePolicyDocument(partial.policyDocument)?.Statement ?? [];
      expect(statements.map((s) => s.Sid)).toEqual([
        "DenyHttp",
        "AWSLogDeliveryAclCheck",
        "AWSLogDeliveryWrite",
      ]);
    }
    expect(
      planBucketPolicy({ ...input, existingPolicy: policyText(bucketDeliveryStatements(input)) }).action,
    ).toBe("none");
    expect(planBucketPolicy({ ...input, existingPolicy: "<xml/>" }).action).toBe("impossible");
  });
});

describe("conditions, as log delivery's own requests meet them", () => {
  const bucket = { bucket: "arn:aws:s3:::my-logs", region: REGION, accountId: ACCOUNT };
  const delivery = bucketDeliveryStatements(bucket);
  const tlsOnly = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::my-logs", "arn:aws:s3:::my-logs/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
  const denyAll = (condition: unknown) => ({ ...tlsOnly, Sid: "D", Condition: condition });
  const deliveryRequest = { accountId: ACCOUNT, region: REGION };
  const anyPut = (statements: unknown[]) =>
    policyAllows(
      policyText(statements),
      "delivery.logs.amazonaws.com",
      ["s3:PutObject"],
      `arn:aws:s3:::my-logs/AWSLogs/${ACCOUNT}/x`,
      deliveryRequest,
    );

  it("a TLS-only Deny does not block delivery, which always uses TLS", () => {
    expect(bucketPolicyHasDelivery(policyText([tlsOnly, ...delivery]), "my-logs", ACCOUNT)).toBe(true);
    expect(bucketPolicyHasDelivery(policyText([tlsOnly, ...delivery]), "my-logs", ACCOUNT, REGION)).toBe(
      true,
    );
    // Written with a JSON boolean, or with IfExists, it is the same statement.
    const asBoolean = denyAll({ Bool: { "aws:SecureTransport": false } });
    const ifExists = denyAll({ BoolIfExists: { "aws:SecureTransport": "false" } });
    expect(bucketPolicyHasDelivery(policyText([asBoolean, ifExists, ...delivery]), "my-logs", ACCOUNT)).toBe(
      true,
    );
    expect(planBucketPolicy({ ...bucket, existingPolicy: policyText([tlsOnly, ...delivery]) }).action).toBe(
      "none",
    );
    const logsTls = {
      Effect: "Deny",
      Principal: "*",
      Action: "logs:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
    expect(policyCoversLogGroup(policyText([logsTls, logGroupDeliveryStatement(groupArn)]), groupArn)).toBe(
      true,
    );
  });

  it("a Deny whose condition does hold for delivery still blocks", () => {
    expect(anyPut([...delivery, denyAll({ Bool: { "aws:SecureTransport": "true" } })])).toBe(false);
    expect(anyPut([...delivery, denyAll({ StringEquals: { "aws:SourceAccount": ACCOUNT } })])).toBe(false);
    expect(anyPut([...delivery, denyAll({ StringNotEquals: { "aws:SourceAccount": "999999999999" } })])).toBe(
      false,
    );
    expect(
      anyPut([...delivery, denyAll({ ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:*` } })]),
    ).toBe(false);
    // "Deny unless the source is in eu-west-3": delivery comes from us-east-1, so it is denied.
    expect(
      anyPut([
        ...delivery,
        denyAll({ ArnNotLike: { "aws:SourceArn": `arn:aws:logs:eu-west-3:${ACCOUNT}:*` } }),
      ]),
    ).toBe(false);
    expect(anyPut([...delivery, denyAll({ Null: { "aws:SourceAccount": "false" } })])).toBe(false);
    expect(anyPut([...delivery, denyAll(undefined)])).toBe(false);
    const logsDeny = { Effect: "Deny", Principal: "*", Action: "logs:PutLogEvents", Resource: "*" };
    expect(policyCoversLogGroup(policyText([logGroupDeliveryStatement(groupArn), logsDeny]), groupArn)).toBe(
      false,
    );
  });

  it("a Deny that cannot apply to this account, region or source does not block", () => {
    expect(anyPut([...delivery, denyAll({ StringNotEquals: { "aws:SourceAccount": ACCOUNT } })])).toBe(true);
    expect(anyPut([...delivery, denyAll({ StringEquals: { "aws:SourceAccount": "999999999999" } })])).toBe(
      true,
    );
    expect(
      anyPut([...delivery, denyAll({ ArnNotLike: { "aws:SourceArn": `arn:aws:logs:*:${ACCOUNT}:*` } })]),
    ).toBe(true);
    expect(
      anyPut([...delivery, denyAll({ ArnLike: { "aws:SourceArn": `arn:aws:logs:eu-west-3:${ACCOUNT}:*` } })]),
    ).toBe(true);
    // Every condition must hold: one that cannot makes the whole Deny not apply.
    expect(
      anyPut([
        ...delivery,
        denyAll({
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          Bool: { "aws:SecureTransport": "false" },
        }),
      ]),
    ).toBe(true);
  });

  it("a Deny on keys it cannot evaluate is not reported as blocking (a warning beats a false block)", () => {
    expect(anyPut([...delivery, denyAll({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })])).toBe(true);
    expect(anyPut([...delivery, denyAll({ StringEquals: { "aws:SourceArn": "arn:aws:logs:x" } })])).toBe(
      true,
    );
    expect(anyPut([...delivery, denyAll("not an object")])).toBe(true);
  });

  it("knows a service principal carries no aws:PrincipalOrgID: an org-only Deny locks delivery out (issue 12 §2)", () => {
    // IAM: a missing key makes a negated operator true, so "deny outside my org" applies to the service.
    expect(anyPut([...delivery, denyAll({ StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } })])).toBe(
      false,
    );
    expect(
      anyPut([...delivery, denyAll({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } })]),
    ).toBe(false);
    expect(anyPut([...delivery, denyAll({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } })])).toBe(true);
    expect(anyPut([...delivery, denyAll({ Null: { "aws:PrincipalOrgID": "false" } })])).toBe(true);
    expect(anyPut([...delivery, denyAll({ Null: { "aws:PrincipalOrgID": "true" } })])).toBe(false);
  });

  it("an Allow grants only when its conditions surely hold for delivery", () => {
    const allowPut = (condition: unknown) => ({
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::my-logs/*",
      Condition: condition,
    });
    expect(anyPut([allowPut({ StringEquals: { "aws:SourceAccount": ACCOUNT } })])).toBe(true);
    expect(anyPut([allowPut({ StringEquals: { "aws:SourceAccount": "999999999999" } })])).toBe(false);
    expect(anyPut([allowPut({ ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:*` } })])).toBe(
      true,
    );
    expect(anyPut([allowPut({ ArnLike: { "aws:SourceArn": `arn:aws:logs:eu-west-3:${ACCOUNT}:*` } })])).toBe(
      false,
    );
    expect(
      anyPut([allowPut({ StringEquals: { "s3:x-amz-acl": ["private", "bucket-owner-full-control"] } })]),
    ).toBe(true);
    // Unknown keys, operators or exact source ARNs: cannot be sure, so not granted.
    expect(anyPut([allowPut({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } })])).toBe(false);
    expect(anyPut([allowPut({ NumericLessThan: { "s3:max-keys": "10" } })])).toBe(false);
    expect(
      anyPut([
        allowPut({ ArnEquals: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:delivery-source:x` } }),
      ]),
    ).toBe(false);
    // Without the account, the account conditions cannot be evaluated either.
    expect(
      policyAllows(
        policyText([allowPut({ StringEquals: { "aws:SourceAccount": ACCOUNT } })]),
        "delivery.logs.amazonaws.com",
        ["s3:PutObject"],
        "arn:aws:s3:::my-logs/x",
      ),
    ).toBe(false);
  });

  it("without a region, the region part of aws:SourceArn is not held against the policy", () => {
    const eu = bucketDeliveryStatements({ ...bucket, region: "eu-west-3" });
    expect(bucketPolicyHasDelivery(policyText(eu), "my-logs", ACCOUNT)).toBe(true);
    expect(bucketPolicyHasDelivery(policyText(eu), "my-logs", ACCOUNT, REGION)).toBe(false);
    expect(bucketPolicyHasDelivery(policyText(eu), "my-logs", ACCOUNT, "eu-west-3")).toBe(true);
    expect(bucketPolicyHasDelivery(policyText(delivery), "my-logs", "999999999999")).toBe(false);
  });

  const conditionArb = fc.oneof(
    fc.constant({ Bool: { "aws:SecureTransport": "false" } }),
    fc.constant({ Bool: { "aws:SecureTransport": false } }),
    fc.constant({ StringNotEquals: { "aws:SourceAccount": ACCOUNT } }),
    fc.constant({ ArnNotLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:*` } }),
    fc
      .tuple(fc.constantFrom("StringEquals", "StringLike", "IpAddress", "NumericEquals"), fc.string())
      .map(([op, value]) => ({ [op]: { "aws:SomeKeyNobodyModels": value } })),
  );

  it("property: a Deny that cannot hold for delivery never changes the answer, whatever else the policy says", () => {
    fc.assert(
      fc.property(
        fc.array(statementArb, { maxLength: 5 }),
        fc.boolean(),
        conditionArb,
        (statements, withDelivery, condition) => {
          const base = withDelivery ? [...statements, logGroupDeliveryStatement(groupArn)] : statements;
          const deny = { Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition: condition };
          expect(policyCoversLogGroup(policyText([...base, deny]), groupArn)).toBe(
            policyCoversLogGroup(policyText(base), groupArn),
          );
        },
      ),
    );
  });

  it("property: an Allow whose condition is unknown never makes a policy grant", () => {
    fc.assert(
      fc.property(fc.array(statementArb, { maxLength: 5 }), fc.string(), (statements, value) => {
        const allow = {
          Effect: "Allow",
          Principal: "*",
          Action: "*",
          Resource: "*",
          Condition: { StringEquals: { "aws:SomeKeyNobodyModels": value } },
        };
        expect(policyCoversLogGroup(policyText([...statements, allow]), groupArn)).toBe(
          policyCoversLogGroup(policyText(statements), groupArn),
        );
      }),
    );
  });
});
