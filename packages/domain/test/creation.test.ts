import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BucketNameSchema,
  buildCreationPlan,
  type CreationInputDraft,
  creationFieldErrors,
  creationFingerprint,
  firehoseTrustPolicy,
  LogGroupNameSchema,
  openObserveUrl,
  parseCreationInput,
  planBucketPolicy,
  planLogGroupPolicy,
  policyAddition,
  proposeBucketName,
  proposeFirehoseRoleName,
  proposeLogGroupName,
  proposeStreamName,
  RoleNameSchema,
  redactCreationInput,
  StreamNameSchema,
  withoutAddition,
} from "../src/index.ts";

const ctx = { partition: "aws", region: "eu-west-1", accountId: "123456789012", poolId: "eu-west-1_AbC123" };

const logGroupDraft: CreationInputDraft = {
  kind: "logGroup",
  poolId: "eu-west-1_AbC123",
  eventSource: "userNotification",
  logGroupName: "/aws/vendedlogs/cognito/shop/userNotification",
  retentionInDays: 14,
};

const httpTarget = {
  type: "http",
  preset: "openobserve",
  url: "https://o2.example.com/aws/default/cognito/_kinesis_firehose",
  accessKey: "eW91QGV4YW1wbGUuY29tOnBhc3Njb2Rl", // base64 of you@example.com:passcode
  backupBucket: { mode: "create", name: "cognito-failed-123456789012-shop" },
} as const;

/** A Firehose-to-HTTP request; `target` overrides members of the OpenObserve target. */
function httpDraftWith(target: Record<string, unknown> = {}): CreationInputDraft {
  return {
    kind: "firehose",
    poolId: "eu-west-1_AbC123",
    eventSource: "userAuthEvents",
    streamName: "cognito-shop-user-activity",
    target: { ...httpTarget, ...target } as typeof httpTarget,
  };
}
const httpDraft = httpDraftWith();

function parsed(draft: CreationInputDraft) {
  const result = parseCreationInput(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.input;
}

describe("creation input validation", () => {
  it("accepts a complete log group request and applies defaults", () => {
    const input = parsed({ ...logGroupDraft, retentionInDays: undefined });
    expect(input.kind === "logGroup" && input.retentionInDays).toBe(30);
    expect(input.tags).toEqual({});
  });

  it("rejects # in log group names because Cognito's ARN pattern cannot carry it", () => {
    const errors = creationFieldErrors({ ...logGroupDraft, logGroupName: "/aws/vendedlogs/a#b" });
    expect(errors).toEqual([{ path: "logGroupName", message: expect.stringContaining("#") }]);
  });

  it.each([
    ["", "Enter a log group name."],
    ["a".repeat(513), "at most 512"],
    ["/bad name", "letters, digits"],
  ])("rejects the log group name %j", (name, message) => {
    const errors = creationFieldErrors({ ...logGroupDraft, logGroupName: name });
    expect(errors[0]?.path).toBe("logGroupName");
    expect(errors.map((e) => e.message).join(" ")).toContain(message);
  });

  it("accepts only AWS's retention values", () => {
    expect(creationFieldErrors({ ...logGroupDraft, retentionInDays: 400 })).toEqual([]);
    expect(creationFieldErrors({ ...logGroupDraft, retentionInDays: null })).toEqual([]);
    expect(creationFieldErrors({ ...logGroupDraft, retentionInDays: 10 })[0]?.path).toBe("retentionInDays");
  });

  it.each([
    ["ab", "3 to 63"],
    ["My-Bucket", "lowercase"],
    ["-bucket", "starts and ends"],
    ["a..b", "two dots"],
    ["192.168.1.1", "IP address"],
    ["xn--bucket", "xn--"],
    ["bucket-s3alias", "-s3alias"],
  ])("rejects the bucket name %j", (name, message) => {
    const errors = creationFieldErrors({
      kind: "s3",
      poolId: "eu-west-1_AbC123",
      eventSource: "userAuthEvents",
      bucket: { name },
    });
    expect(errors).toEqual([{ path: "bucket.name", message: expect.stringContaining(message) }]);
  });

  it("keeps message-delivery errors out of S3 and Firehose", () => {
    const errors = creationFieldErrors({
      kind: "s3",
      poolId: "eu-west-1_AbC123",
      eventSource: "userNotification",
      bucket: { name: "good-bucket" },
    });
    expect(errors).toEqual([{ path: "eventSource", message: expect.stringContaining("log group") }]);
  });

  it("accepts an OpenObserve endpoint in its documented URL form", () => {
    expect(creationFieldErrors(httpDraft)).toEqual([]);
    expect(openObserveUrl("https://o2.example.com/", "default", "cognito")).toBe(
      "https://o2.example.com/aws/default/cognito/_kinesis_firehose",
    );
  });

  it("requires https, the preset's URL form, and an OpenObserve access key", () => {
    const http = creationFieldErrors(httpDraftWith({ url: "http://o2.example.com/x" }));
    expect(http.map((e) => e.path)).toContain("target.url");
    expect(http.map((e) => e.message).join(" ")).toContain("https://");
    const noKey = creationFieldErrors(httpDraftWith({ accessKey: undefined }));
    expect(noKey).toEqual([{ path: "target.accessKey", message: expect.stringContaining("access key") }]);
    const sumo = creationFieldErrors(
      httpDraftWith({ preset: "sumologic", url: "https://collectors.example.com/other" }),
    );
    expect(sumo).toEqual([{ path: "target.url", message: expect.stringContaining("Sumo Logic") }]);
  });

  it("refuses tags that would override the console's own", () => {
    const errors = creationFieldErrors({ ...logGroupDraft, tags: { "managed-by": "me", team: "identity" } });
    expect(errors.map((e) => e.path)).toEqual(["tags.managed-by"]);
  });
});

describe("proposed names", () => {
  const poolArb = fc.record({
    id: fc.constant("us-east-1_AbC123"),
    name: fc.string({ minLength: 0, maxLength: 128 }),
  });

  it("always pass their own naming rules", () => {
    fc.assert(
      fc.property(poolArb, (pool) => {
        expect(LogGroupNameSchema.safeParse(proposeLogGroupName(pool, "userAuthEvents")).success).toBe(true);
        expect(BucketNameSchema.safeParse(proposeBucketName(pool, "123456789012")).success).toBe(true);
        const stream = proposeStreamName(pool);
        expect(StreamNameSchema.safeParse(stream).success).toBe(true);
        expect(RoleNameSchema.safeParse(proposeFirehoseRoleName(stream)).success).toBe(true);
      }),
    );
  });

  it("put new log groups under /aws/vendedlogs/cognito/<pool>/<source>", () => {
    expect(proposeLogGroupName({ id: "us-east-1_X1", name: "Shop users" }, "userAuthEvents")).toBe(
      "/aws/vendedlogs/cognito/Shop-users/userAuthEvents",
    );
    expect(proposeLogGroupName({ id: "us-east-1_X1", name: "" }, "userNotification")).toBe(
      "/aws/vendedlogs/cognito/us-east-1_X1/userNotification",
    );
  });
});

describe("creation plan", () => {
  it("lists the log group steps with their calls and permissions", () => {
    const plan = buildCreationPlan(parsed(logGroupDraft), ctx);
    expect(plan.steps.map((s) => s.id)).toEqual(["create-log-group", "set-retention", "log-group-policy"]);
    expect(plan.destination).toEqual({
      kind: "logGroup",
      arn: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/cognito/shop/userNotification",
      name: "/aws/vendedlogs/cognito/shop/userNotification",
    });
    expect(plan.permissions).toEqual([
      "logs:CreateLogGroup",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:PutResourcePolicy",
      "logs:PutRetentionPolicy",
      "logs:TagResource",
    ]);
    expect(plan.tags).toEqual({
      "managed-by": "cognito-log-console",
      "cognito-user-pool": "eu-west-1_AbC123",
    });
  });

  it("adds a lifecycle step only when the bucket expires objects", () => {
    const base = { kind: "s3", poolId: "eu-west-1_AbC123", eventSource: "userAuthEvents" } as const;
    const kept = buildCreationPlan(parsed({ ...base, bucket: { name: "logs-bucket" } }), ctx);
    expect(kept.steps.map((s) => s.id)).toEqual(["create-bucket", "block-public-access", "bucket-policy"]);
    const expiring = buildCreationPlan(
      parsed({ ...base, bucket: { name: "logs-bucket", expirationDays: 90 } }),
      ctx,
    );
    expect(expiring.steps.map((s) => s.id)).toContain("bucket-lifecycle");
    expect(kept.steps[0]?.detail).toContain("location constraint eu-west-1");
  });

  it("creates the bucket, role and stream for a Firehose with an HTTP endpoint, and never mentions the key", () => {
    const input = parsed(httpDraft);
    const plan = buildCreationPlan(input, ctx);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "create-bucket",
      "block-public-access",
      "create-role",
      "role-policy",
      "create-stream",
      "wait-stream-active",
    ]);
    expect(plan.permissions).toContain("iam:PassRole");
    expect(plan.permissions).toContain("firehose:TagDeliveryStream");
    expect(JSON.stringify(plan)).not.toContain("c2VjcmV0LXRva2Vu");
    expect(JSON.stringify(redactCreationInput(input))).not.toContain("c2VjcmV0LXRva2Vu");
  });

  it("checks an existing bucket instead of creating one", () => {
    const plan = buildCreationPlan(
      parsed(httpDraftWith({ backupBucket: { mode: "existing", name: "already-there" } })),
      ctx,
    );
    expect(plan.steps[0]?.id).toBe("check-bucket");
    expect(plan.steps.some((s) => s.id === "create-bucket")).toBe(false);
  });

  it("treats inputs that differ only in the access key as the same run", () => {
    const a = parsed(httpDraft);
    const b = parsed(httpDraftWith({ accessKey: btoa("other@example.com:other") }));
    expect(creationFingerprint(a)).toBe(creationFingerprint(b));
    expect(creationFingerprint(a)).not.toContain("eW91QGV4YW1wbGUuY29tOnBhc3Njb2Rl");
  });

  it("masks a Sumo Logic URL's token when the input is shown", () => {
    const input = parsed(
      httpDraftWith({
        preset: "sumologic",
        url: "https://endpoint1.collection.sumologic.com/receiver/v1/kinesis/log/SECRETTOKEN",
      }),
    );
    expect(JSON.stringify(redactCreationInput(input))).not.toContain("SECRETTOKEN");
  });
});

describe("taking back what a run added to a policy", () => {
  const scope = { region: "eu-west-1", accountId: "123456789012" };
  const foreign = {
    Sid: "SomeoneElse",
    Effect: "Allow",
    Principal: { Service: "delivery.logs.amazonaws.com" },
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: ["arn:aws:logs:eu-west-1:123456789012:log-group:/app/one:log-stream:*"],
    Condition: {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:logs:eu-west-1:123456789012:*" },
    },
  };
  const existing = JSON.stringify({ Version: "2012-10-17", Statement: [foreign] });

  it("restores an existing resource policy to what it was, keeping every other statement", () => {
    const logGroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/two";
    const decision = planLogGroupPolicy({
      logGroupArn,
      resourcePolicies: [{ policyName: "AWSLogDeliveryWrite20150319", policyDocument: existing }],
    });
    if (decision.action !== "update") throw new Error(`expected an update, got ${decision.action}`);
    expect(decision.policyDocument).toContain("/app/one");
    const addition = policyAddition(existing, decision.policyDocument);
    expect(addition.resources.map((r) => r.resource)).toEqual([`${logGroupArn}:log-stream:*`]);
    const undone = withoutAddition(decision.policyDocument, addition);
    expect(JSON.parse(undone.document ?? "null")).toEqual(JSON.parse(existing));
  });

  it("keeps the /aws/vendedlogs/* entry, which later log groups may rely on", () => {
    const decision = planLogGroupPolicy({
      logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/cognito/x/userAuthEvents",
      resourcePolicies: [],
    });
    if (decision.action !== "create") throw new Error(`expected create, got ${decision.action}`);
    const undone = withoutAddition(decision.policyDocument, policyAddition(null, decision.policyDocument));
    expect(undone.kept).toHaveLength(1);
    expect(undone.document).not.toBeNull();
  });

  it("removes only the console's bucket statements, deleting the policy when nothing else is left", () => {
    const other = {
      Sid: "DenyHttp",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "arn:aws:s3:::b/*",
    };
    const before = JSON.stringify({ Version: "2012-10-17", Statement: [other] });
    const plan = planBucketPolicy({ existingPolicy: before, bucket: "b", ...scope });
    if (plan.action !== "put") throw new Error("expected a put");
    const addition = policyAddition(before, plan.policyDocument);
    expect(addition.statements).toHaveLength(2);
    expect(JSON.parse(withoutAddition(plan.policyDocument, addition).document ?? "null")).toEqual(
      JSON.parse(before),
    );
    const fresh = planBucketPolicy({ existingPolicy: null, bucket: "b", ...scope });
    if (fresh.action !== "put") throw new Error("expected a put");
    expect(
      withoutAddition(fresh.policyDocument, policyAddition(null, fresh.policyDocument)).document,
    ).toBeNull();
  });

  it("lets only Firehose acting for this account assume the delivery role", () => {
    const trust = JSON.parse(firehoseTrustPolicy("123456789012"));
    expect(trust.Statement[0].Principal).toEqual({ Service: "firehose.amazonaws.com" });
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { "sts:ExternalId": "123456789012" } });
  });
});
