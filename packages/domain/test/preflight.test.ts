import { describe, expect, it } from "vitest";
import {
  type DestinationInfo,
  type DestinationKnowledge,
  type FirehoseInfo,
  type LogGroupInfo,
  logGroupDeliveryGrant,
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
          destinations: { userNotification: { ...missing, logGroupPolicyDocument: null } },
          account: { resourcePolicies: [policy] },
        }),
      ).toEqual([]);
    });

    it("an account-level grant does not count against a Deny in the log group's own policy (evaluated together)", () => {
      const arn = lg("/app/g").arn;
      const policy = {
        policyName: "p",
        policyDocument: JSON.stringify({ Statement: [logGroupDeliveryStatement(arn)] }),
      };
      const deny = JSON.stringify({
        Statement: [
          {
            Effect: "Deny",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: "*",
          },
        ],
      });
      const found = preflight({
        pool,
        desired,
        destinations: { userNotification: { ...missing, logGroupPolicyDocument: deny } },
        account: { resourcePolicies: [policy] },
      });
      expect(found.map((f) => f.id)).toEqual(["log-group-policy-missing"]);
      // And the pure grant rule says the same: neither scope grants while the other denies.
      expect(
        logGroupDeliveryGrant({
          logGroupArn: arn,
          accountPolicies: [policy],
          logGroupPolicy: { resourceArn: arn, policyDocument: deny, revisionId: "1" },
        }),
      ).toBeNull();
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

  describe("one truth with delivery (issue 12 §2)", () => {
    const desired = { userNotification: null, userAuthEvents: fh("s") };

    it("blocks a stream whose LogDeliveryEnabled tag is not exactly true", () => {
      for (const value of ["True", "TRUE", "yes", " true", ""]) {
        const findings = preflight({
          pool,
          desired,
          // The summary flag of an older answer must not win over the tags as read.
          destinations: {
            userAuthEvents: firehoseInfo("s", {
              logDeliveryEnabledTag: true,
              tags: { LogDeliveryEnabled: value },
            }),
          },
        });
        expect(ids(findings), value).toEqual(["firehose-missing-tag:block"]);
        expect(findings[0]?.message).toContain(`LogDeliveryEnabled=${value}`);
      }
      expect(
        preflight({
          pool,
          desired,
          destinations: { userAuthEvents: firehoseInfo("s", { tags: { LogDeliveryEnabled: "true" } }) },
        }),
      ).toEqual([]);
      // A differently spelt key is another tag.
      expect(
        ids(
          preflight({
            pool,
            desired,
            destinations: { userAuthEvents: firehoseInfo("s", { tags: { logdeliveryenabled: "true" } }) },
          }),
        ),
      ).toEqual(["firehose-missing-tag:block"]);
    });

    function bucket(overrides: Partial<Extract<DestinationInfo, { kind: "s3" }>>): DestinationInfo {
      return {
        kind: "s3",
        arn: s3("logs-b").arn,
        name: "logs-b",
        region: REGION,
        deliveryPolicy: "present",
        encryption: null,
        ...overrides,
      };
    }
    const bucketFindings = (info: DestinationInfo) =>
      ids(
        preflight({
          pool,
          desired: { userNotification: null, userAuthEvents: s3("logs-b") },
          destinations: { userAuthEvents: info },
        }),
      );

    it("blocks a bucket encrypted with an AWS-managed KMS key, warns for any other KMS key", () => {
      for (const encryption of ["aws:kms", "aws:kms:dsse"]) {
        expect(bucketFindings(bucket({ encryption, kmsKeyId: null }))).toEqual([
          "bucket-kms-aws-managed:block",
        ]);
        expect(bucketFindings(bucket({ encryption, kmsKeyId: "alias/aws/s3" }))).toEqual([
          "bucket-kms-aws-managed:block",
        ]);
        expect(
          bucketFindings(bucket({ encryption, kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3` })),
        ).toEqual(["bucket-kms-aws-managed:block"]);
        expect(bucketFindings(bucket({ encryption, kmsKeyId: "alias/logs-key" }))).toEqual([
          "bucket-kms:warn",
        ]);
        expect(
          bucketFindings(
            bucket({
              encryption,
              kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-0000-4789-9abc-def012345678`,
            }),
          ),
        ).toEqual(["bucket-kms:warn"]);
      }
      expect(bucketFindings(bucket({ encryption: "AES256", kmsKeyId: null }))).toEqual([]);
      // No key facts read (an older answer): it can only warn.
      expect(bucketFindings(bucket({ encryption: "aws:kms" }))).toEqual(["bucket-kms:warn"]);
    });

    it("blocks a missing delivery policy of a destination AWS already holds (Set's set-up will not run again)", () => {
      const info = bucket({ deliveryPolicy: "missing" });
      const model = { userNotification: null, userAuthEvents: s3("logs-b") };
      expect(
        ids(preflight({ pool, desired: model, destinations: { userAuthEvents: info }, stored: model })),
      ).toEqual(["bucket-policy-missing:block"]);
      // A new destination: AWS adds the policy while setting delivery up, when the caller may.
      expect(
        ids(
          preflight({
            pool,
            desired: model,
            destinations: { userAuthEvents: info },
            stored: { userNotification: null, userAuthEvents: null },
          }),
        ),
      ).toEqual(["bucket-policy-missing:warn"]);
      const logModel = { userNotification: lg("/app/g"), userAuthEvents: null };
      expect(
        ids(
          preflight({
            pool,
            desired: logModel,
            // Both scopes read: no account-level policy, and the log group's own policy lacks the grant.
            destinations: {
              userNotification: logGroupInfo("/app/g", {
                deliveryPolicy: "missing",
                deliveryPolicyScope: null,
              }),
            },
            account: { resourcePolicies: [] },
            stored: logModel,
          }),
        ),
      ).toEqual(["log-group-policy-missing:block"]);
    });

    it("blocks a stored /aws/vendedlogs/ log group no policy covers, whatever room the account has", () => {
      // The prefix is no grant by itself (rules doc §3); with no account slot left, the grant still
      // fits in the log group's own policy, so the finding is the missing grant with its fix.
      const vended = { userNotification: lg("/aws/vendedlogs/cognito/shop/n"), userAuthEvents: null };
      const full = Array.from({ length: 10 }, (_, i) => ({
        policyName: `other-${i}`,
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "es.amazonaws.com" }, Action: "logs:*", Resource: "*" },
          ],
        }),
      }));
      const [finding] = preflight({
        pool,
        desired: vended,
        destinations: {
          userNotification: logGroupInfo("/aws/vendedlogs/cognito/shop/n", {
            deliveryPolicy: "missing",
            deliveryPolicyScope: null,
          }),
        },
        account: { resourcePolicies: full },
        stored: vended,
      });
      expect(finding).toMatchObject({
        id: "log-group-policy-missing",
        severity: "block",
        fix: { action: "add-log-group-policy" },
      });
    });

    it("warns, never blocks, user activity on a LITE pool that still runs threat protection", () => {
      for (const threatProtection of ["AUDIT", "ENFORCED"] as const) {
        const findings = preflight({ pool: { ...pool, tier: "LITE", threatProtection }, desired });
        expect(ids(findings)).toEqual(["tier-lite-legacy-threat-protection:warn"]);
        expect(findings[0]?.message).toMatch(/Plus plan.*let[s]? AWS decide/s);
      }
      expect(ids(preflight({ pool: { ...pool, tier: "LITE", threatProtection: "OFF" }, desired }))).toEqual([
        "tier-not-plus:block",
      ]);
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
