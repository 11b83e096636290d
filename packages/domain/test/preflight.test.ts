import { describe, expect, it } from "vitest";
import {
  type DestinationInfo,
  type DestinationKnowledge,
  type FirehoseInfo,
  type LogGroupInfo,
  logGroupDeliveryStatement,
  type PoolFacts,
  preflight,
  RESOURCE_POLICY_MAX_CHARS,
  type ResourcePolicy,
} from "../src/index.ts";
import { ACCOUNT, fh, lg, REGION, s3 } from "./arbitraries.ts";

const pool: PoolFacts = {
  id: "us-east-1_Abc123",
  name: "shop",
  region: REGION,
  accountId: ACCOUNT,
  arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/us-east-1_Abc123`,
  tier: "PLUS",
  threatProtection: "AUDIT",
};

function logGroupInfo(name: string, overrides: Partial<LogGroupInfo> = {}): LogGroupInfo {
  return {
    kind: "logGroup",
    arn: lg(name).arn,
    name,
    region: REGION,
    accountId: ACCOUNT,
    kmsKeyId: null,
    retentionInDays: null,
    logGroupClass: "STANDARD",
    deliveryPolicy: "present",
    createdAt: null,
    ...overrides,
  };
}

function firehoseInfo(name: string, overrides: Partial<FirehoseInfo> = {}): FirehoseInfo {
  return {
    kind: "firehose",
    arn: fh(name).arn,
    name,
    region: REGION,
    accountId: ACCOUNT,
    deliveryStreamType: "DirectPut",
    status: "ACTIVE",
    logDeliveryEnabledTag: true,
    destinationType: "http",
    destinationSummary: "example.com",
    ...overrides,
  };
}

const ids = (findings: { id: string; severity: string }[]) => findings.map((f) => `${f.id}:${f.severity}`);

describe("preflight", () => {
  it("finds nothing for a healthy configuration", () => {
    expect(
      preflight({
        pool,
        desired: { userNotification: lg("/g"), userAuthEvents: fh("s") },
        destinations: { userNotification: logGroupInfo("/g"), userAuthEvents: firehoseInfo("s") },
      }),
    ).toEqual([]);
    expect(preflight({ pool, desired: { userNotification: null, userAuthEvents: null } })).toEqual([]);
  });

  it("blocks user activity below Plus and warns when threat protection is off", () => {
    const desired = { userNotification: null, userAuthEvents: lg("/g") };
    expect(preflight({ pool: { ...pool, tier: "ESSENTIALS" }, desired })).toEqual([
      {
        id: "tier-not-plus",
        severity: "block",
        eventSource: "userAuthEvents",
        message: "User activity export needs the Plus plan; this pool is Essentials.",
      },
    ]);
    const [finding] = preflight({ pool: { ...pool, threatProtection: "OFF" }, desired });
    expect(finding).toMatchObject({
      id: "threat-protection-off",
      severity: "warn",
      fix: { action: "enable-threat-protection", target: pool.arn },
    });
  });

  it("blocks a KMS-encrypted log group and one in another account or region", () => {
    const foreign = lg("/g", "eu-west-1", "999999999999");
    expect(
      ids(
        preflight({
          pool,
          desired: { userNotification: lg("/k"), userAuthEvents: foreign },
          destinations: { userNotification: logGroupInfo("/k", { kmsKeyId: "arn:aws:kms:…" }) },
        }),
      ),
    ).toEqual(["log-group-kms:block", "destination-other-account:block", "destination-other-region:block"]);
  });

  it("reports a destination that does not exist", () => {
    const missing: DestinationKnowledge = { kind: "firehose", arn: fh("gone").arn, notFound: true };
    const findings = preflight({
      pool,
      desired: { userNotification: null, userAuthEvents: fh("gone") },
      destinations: { userAuthEvents: missing },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        id: "destination-not-found",
        severity: "block",
        message: expect.stringMatching(/Firehose stream gone/),
      }),
    ]);
  });

  it("checks a Firehose stream's type, status and tag", () => {
    const run = (info: DestinationInfo) =>
      ids(
        preflight({
          pool,
          desired: { userNotification: null, userAuthEvents: fh("s") },
          destinations: { userAuthEvents: info },
        }),
      );
    expect(run(firehoseInfo("s", { deliveryStreamType: "KinesisStreamAsSource" }))).toEqual([
      "firehose-not-direct-put:block",
    ]);
    expect(run(firehoseInfo("s", { status: "CREATING" }))).toEqual(["firehose-not-active:warn"]);
    expect(run(firehoseInfo("s", { status: "DELETING" }))).toEqual(["firehose-not-active:block"]);
    const [tag] = preflight({
      pool,
      desired: { userNotification: null, userAuthEvents: fh("s") },
      destinations: { userAuthEvents: firehoseInfo("s", { logDeliveryEnabledTag: false }) },
    });
    expect(tag).toMatchObject({
      id: "firehose-missing-tag",
      severity: "block",
      fix: { action: "tag-firehose-stream", label: "Add the LogDeliveryEnabled tag", target: fh("s").arn },
    });
  });

  it("checks a bucket's policy and region", () => {
    const bucket: DestinationInfo = {
      kind: "s3",
      arn: s3("logs-b").arn,
      name: "logs-b",
      region: "eu-west-1",
      deliveryPolicy: "missing",
      encryption: null,
    };
    const findings = preflight({
      pool,
      desired: { userNotification: null, userAuthEvents: s3("logs-b") },
      destinations: { userAuthEvents: bucket },
    });
    expect(ids(findings)).toEqual(["destination-other-region:block", "bucket-policy-missing:warn"]);
    expect(findings[1]?.fix).toEqual({
      action: "add-bucket-policy",
      label: "Add the log delivery bucket policy",
      target: s3("logs-b").arn,
    });
  });

  it("ignores knowledge about another destination than the configured one", () => {
    expect(
      preflight({
        pool,
        desired: { userNotification: lg("/g"), userAuthEvents: null },
        destinations: { userNotification: logGroupInfo("/other", { kmsKeyId: "k" }) },
      }),
    ).toEqual([]);
  });

  describe("log group resource policy", () => {
    const desired = { userNotification: lg("/app/g"), userAuthEvents: null };
    const missing = logGroupInfo("/app/g", { deliveryPolicy: "missing", deliveryPolicyScope: null });

    it("warns with a fix when neither scope lets delivery write", () => {
      const [finding, ...rest] = preflight({
        pool,
        desired,
        destinations: { userNotification: missing },
        account: { resourcePolicies: [] },
      });
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({
        id: "log-group-policy-missing",
        severity: "warn",
        fix: { action: "add-log-group-policy", target: lg("/app/g").arn },
      });
      expect(finding?.message).toContain(
        "write to the CloudWatch log group /app/g: neither the policy attached to it nor an account-level one",
      );
      // Without the account's policies, the discovered status decides.
      expect(ids(preflight({ pool, desired, destinations: { userNotification: missing } }))).toEqual([
        "log-group-policy-missing:warn",
      ]);
    });

    it("does not claim a missing policy when the log group's own policy was not read", () => {
      expect(preflight({ pool, desired, account: { resourcePolicies: [] } })).toEqual([]);
      expect(
        preflight({
          pool,
          desired,
          destinations: { userNotification: logGroupInfo("/app/g", { deliveryPolicy: "unknown" }) },
          account: { resourcePolicies: [] },
        }),
      ).toEqual([]);
    });

    it("finds nothing when an account-level policy covers it, even if older knowledge said missing", () => {
      const policy = {
        policyName: "p",
        policyDocument: JSON.stringify({ Statement: [logGroupDeliveryStatement(lg("/app/g").arn)] }),
      };
      expect(
        preflight({
          pool,
          desired,
          destinations: { userNotification: missing },
          account: { resourcePolicies: [policy] },
        }),
      ).toEqual([]);
    });

    it("finds nothing when the policy attached to the log group covers it", () => {
      const covered = logGroupInfo("/app/g", { deliveryPolicy: "present", deliveryPolicyScope: "log-group" });
      expect(
        preflight({
          pool,
          desired,
          destinations: { userNotification: covered },
          account: { resourcePolicies: [] },
        }),
      ).toEqual([]);
    });

    function filler(name: string, size: number): ResourcePolicy {
      const statement = { ...logGroupDeliveryStatement(lg("/x/0").arn), Resource: [] as string[] };
      let n = 0;
      while (JSON.stringify({ Version: "2012-10-17", Statement: [statement] }).length < size) {
        statement.Resource.push(`${lg(`/x/${n++}`).arn}:log-stream:*`);
      }
      return {
        policyName: name,
        policyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
      };
    }

    it("never warns of the 10-policy limit: a policy attached to the log group needs no account slot", () => {
      const policies = Array.from({ length: 10 }, (_, i) => filler(`p${i}`, RESOURCE_POLICY_MAX_CHARS - 30));
      const findings = preflight({
        pool,
        desired,
        destinations: { userNotification: missing },
        account: { resourcePolicies: policies },
      });
      expect(ids(findings)).toEqual(["log-group-policy-missing:warn"]);
      expect(findings[0]?.fix).toMatchObject({ action: "add-log-group-policy" });
      expect(findings[0]?.message).not.toMatch(/no room|limit|at most 10/);
      // Nearly full account policies are no concern either.
      expect(
        ids(
          preflight({
            pool,
            desired,
            destinations: { userNotification: missing },
            account: { resourcePolicies: [filler("AWSLogDeliveryWrite20150319", 4750)] },
          }),
        ),
      ).toEqual(["log-group-policy-missing:warn"]);
    });
  });

  it("judges a current configuration AWS would no longer accept", () => {
    expect(
      ids(
        preflight({
          pool: { ...pool, tier: "LITE" },
          desired: { userNotification: s3("bkt-x"), userAuthEvents: null },
        }),
      ),
    ).toEqual(["destination-kind-not-allowed:block"]);
  });
});
