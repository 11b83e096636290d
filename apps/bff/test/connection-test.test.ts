/**
 * The connection test's classification, over stubbed gateways (pure logic: which answer means a
 * permission is granted, missing, or something else went wrong). The all-allowed path against the
 * sandbox is in member-role.test.ts.
 */
import { memberRolePermissions } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { type Deadline, startDeadline } from "../src/aws/deadline.ts";
import { AwsCallError } from "../src/aws/errors.ts";
import {
  type ConnectionTestGateways,
  PROBE_NAMES,
  testConnection,
} from "../src/features/accounts/connection-test.ts";
import { UNPROBED_READ_ACTIONS } from "./unprobed-permissions.ts";

const REGION = "eu-west-1";
const refused = (code: string, status = 400) =>
  new AwsCallError(code, `${code} message`, status, "req-1", "service", "op");

/** Gateways that allow everything and find one pool, stream and bucket; `change` overrides calls. */
function gateways(change: (g: ConnectionTestGateways) => void = () => undefined) {
  const seen: { call: string; args: unknown[]; deadline: unknown }[] = [];
  const note =
    <T>(call: string, answer: T) =>
    (...args: unknown[]) => {
      seen.push({ call, args: args.slice(0, -1), deadline: args.at(-1) });
      return Promise.resolve(answer);
    };
  const g: ConnectionTestGateways = {
    sts: {
      callerIdentity: note("sts.callerIdentity", {
        account: "111122223333",
        arn: "arn:aws:sts::111122223333:assumed-role/CognitoLogConsoleRole/alice",
      }),
    },
    cognito: {
      listUserPoolsPage: note("cognito.listUserPoolsPage", {
        pools: [{ id: `${REGION}_Abc`, name: "a" }],
        nextToken: null,
      }),
      describeUserPool: note("cognito.describeUserPool", {} as never),
      getLogDeliveryConfiguration: note("cognito.getLogDeliveryConfiguration", {
        logConfigurations: [],
        requestId: null,
      }),
    },
    logs: {
      describeLogGroups: note("logs.describeLogGroups", { groups: [], nextToken: null }),
      describeResourcePolicies: note("logs.describeResourcePolicies", []),
    },
    firehose: {
      listDeliveryStreams: note("firehose.listDeliveryStreams", { names: ["stream-1"], hasMore: false }),
      describeDeliveryStream: note("firehose.describeDeliveryStream", {} as never),
      listTags: note("firehose.listTags", {}),
    },
    s3: {
      listBuckets: note("s3.listBuckets", {
        buckets: [{ name: "bucket-1", region: REGION }],
        continuationToken: null,
      }),
      headBucket: note("s3.headBucket", { state: "exists", region: REGION } as const),
      getBucketPolicy: note("s3.getBucketPolicy", null),
      getBucketEncryption: note("s3.getBucketEncryption", null),
    },
    iam: { getRole: note("iam.getRole", null) },
    account: { listRegions: note("account.listRegions", new Set([REGION])) },
    ec2: { describeRegions: note("ec2.describeRegions", new Set([REGION])) },
    cloudwatch: {
      listMetrics: note("cloudwatch.listMetrics", { metrics: [], truncated: false }),
      getMetricData: note("cloudwatch.getMetricData", new Map()),
    },
    logsEvents: {
      newestLogStreams: note("logsEvents.newestLogStreams", []),
      filterLogEvents: note("logsEvents.filterLogEvents", { events: [], truncated: false }),
    },
    cloudtrail: { describeTrails: note("cloudtrail.describeTrails", []) },
  };
  change(g);
  return { g, seen };
}

const outcomes = (checks: { action: string; outcome: string }[]) =>
  Object.fromEntries(checks.map((c) => [c.action, c.outcome]));

describe("the connection test", () => {
  it("allows everything when every probe answers, and probes what the listings found", async () => {
    const { g, seen } = gateways();
    const deadline = startDeadline(10_000);
    const result = await testConnection(g, REGION, deadline);
    expect(result.ok).toBe(true);
    expect(result.identity?.account).toBe("111122223333");
    expect(new Set(result.checks.map((c) => c.outcome))).toEqual(new Set(["allowed"]));
    // Every call went out under the request's deadline.
    expect(seen.every((s) => s.deadline === deadline)).toBe(true);
    const args = Object.fromEntries(seen.map((s) => [s.call, s.args]));
    expect(args["cognito.listUserPoolsPage"]).toEqual([REGION, { limit: 1 }]);
    expect(args["cognito.describeUserPool"]).toEqual([REGION, `${REGION}_Abc`]);
    expect(args["firehose.listTags"]).toEqual([REGION, "stream-1"]);
    expect(args["s3.getBucketPolicy"]).toEqual([REGION, "bucket-1"]);
    expect(args["iam.getRole"]).toEqual([PROBE_NAMES.role]);
    // No probe yet for the account's regions and delivery verification's reads; each says why.
    expect(result.unchecked.map((u) => u.action).sort()).toEqual(UNPROBED_READ_ACTIONS);
    expect(result.unchecked.every((u) => u.reason.length > 0)).toBe(true);
  });

  it("says once that the role could not be assumed, and probes nothing else", async () => {
    // Before, each of the 18 probes failed on the assume and was reported as a missing permission.
    const { g, seen } = gateways((g) => {
      g.sts.callerIdentity = () =>
        Promise.reject(
          new AwsCallError(
            "AccessDenied",
            "not authorized to perform: sts:AssumeRole",
            403,
            "r",
            "service",
            "sts.AssumeRole",
          ),
        );
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(result.ok).toBe(false);
    expect(result.identity).toBeNull();
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ action: "sts:AssumeRole", outcome: "error" });
    expect(result.checks[0]?.message).toMatch(/could not assume the role .*AccessDenied.*Member role page/);
    expect(result.unchecked.map((u) => u.action).sort()).toEqual(
      memberRolePermissions("read")
        .map((p) => p.action)
        .sort(),
    );
    // Only the first calls, started together with the identity, went out.
    expect(seen.map((s) => s.call).sort()).toEqual([
      "cognito.listUserPoolsPage",
      "firehose.listDeliveryStreams",
      "s3.listBuckets",
    ]);
  });

  it("names each permission AWS refused as missing: AccessDenied, AccessDeniedException, UnauthorizedOperation", async () => {
    const { g } = gateways((g) => {
      g.cognito.listUserPoolsPage = () => Promise.reject(refused("AccessDeniedException"));
      g.iam.getRole = () => Promise.reject(refused("AccessDenied", 403));
      g.logs.describeLogGroups = () => Promise.reject(refused("UnauthorizedOperation"));
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(result.ok).toBe(false);
    const missing = result.checks.filter((c) => c.outcome === "missing");
    expect(missing.map((c) => c.action).sort()).toEqual([
      "cognito-idp:ListUserPools",
      "iam:GetRole",
      "logs:DescribeLogGroups",
    ]);
    expect(missing.find((c) => c.action === "iam:GetRole")?.message).toMatch(
      /AccessDenied.*lacks iam:GetRole/,
    );
  });

  it("names, for each missing permission, the template's policy and statement that grant it", async () => {
    const { g } = gateways((g) => {
      g.account.listRegions = () => Promise.reject(refused("AccessDeniedException", 403));
      g.ec2.describeRegions = () => Promise.reject(refused("UnauthorizedOperation", 403));
      g.cloudwatch.getMetricData = () => Promise.reject(refused("AccessDenied", 403));
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    const message = (action: string) => result.checks.find((c) => c.action === action)?.message;
    expect(outcomes(result.checks)["account:ListRegions"]).toBe("missing");
    expect(message("account:ListRegions")).toBe(
      "AWS refused account.ListRegions (AccessDeniedException): the role lacks account:ListRegions. Add account:ListRegions back to statement ReadAccount of ReadPolicy in the member-role template (read variant) and update the role's stack (or StackSet).",
    );
    expect(message("ec2:DescribeRegions")).toContain("statement ReadAny of ReadPolicy");
    expect(message("cloudwatch:GetMetricData")).toContain("lacks cloudwatch:GetMetricData");
    expect(result.ok).toBe(false);
  });

  it("takes 'no such thing' for a made-up name as allowed, and probes made-up names when nothing is listed", async () => {
    const { g, seen } = gateways((g) => {
      g.cognito.listUserPoolsPage = () => Promise.resolve({ pools: [], nextToken: null });
      g.firehose.listDeliveryStreams = () => Promise.resolve({ names: [], hasMore: false });
      g.cognito.describeUserPool = () => Promise.reject(refused("ResourceNotFoundException"));
      g.cognito.getLogDeliveryConfiguration = (...args) => {
        seen.push({ call: "cognito.getLogDeliveryConfiguration", args: args.slice(0, 2), deadline: args[2] });
        return Promise.reject(refused("ResourceNotFoundException"));
      };
      g.firehose.describeDeliveryStream = () => Promise.reject(refused("ResourceNotFoundException"));
      g.firehose.listTags = () => Promise.reject(refused("ResourceNotFoundException"));
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(result.ok).toBe(true);
    expect(seen.find((s) => s.call === "cognito.getLogDeliveryConfiguration")?.args).toEqual([
      REGION,
      PROBE_NAMES.pool(REGION),
    ]);
    expect(result.checks.find((c) => c.action === "cognito-idp:DescribeUserPool")?.message).toMatch(
      /ResourceNotFoundException.*granted/,
    );
  });

  it("reports other failures as errors with AWS's code and message, not as missing permissions", async () => {
    const { g } = gateways((g) => {
      g.firehose.listDeliveryStreams = () => Promise.reject(refused("ThrottlingException"));
      g.cognito.describeUserPool = () => Promise.reject(refused("InvalidParameterException"));
      g.s3.getBucketEncryption = () => Promise.reject(new Error("socket hang up"));
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    const states = outcomes(result.checks);
    expect(states["firehose:ListDeliveryStreams"]).toBe("error");
    expect(states["cognito-idp:DescribeUserPool"]).toBe("error");
    expect(states["s3:GetEncryptionConfiguration"]).toBe("error");
    expect(result.checks.find((c) => c.action === "firehose:ListDeliveryStreams")?.message).toBe(
      "firehose.ListDeliveryStreams failed: ThrottlingException: ThrottlingException message",
    );
    expect(result.ok).toBe(false);
  });

  it("reads a 403 from HeadBucket on the account's own bucket as s3:ListBucket missing", async () => {
    const { g } = gateways((g) => {
      g.s3.headBucket = () => Promise.resolve({ state: "taken" });
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(outcomes(result.checks)["s3:ListBucket"]).toBe("missing");
  });

  it("leaves the bucket reads unchecked, saying why, when the region has no bucket", async () => {
    const { g } = gateways((g) => {
      g.s3.listBuckets = () => Promise.resolve({ buckets: [], continuationToken: null });
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(result.unchecked.map((u) => u.action).sort()).toEqual(
      [
        ...UNPROBED_READ_ACTIONS,
        "s3:GetBucketPolicy",
        "s3:GetEncryptionConfiguration",
        "s3:ListBucket",
      ].sort(),
    );
    expect(result.unchecked.find((u) => u.action === "s3:ListBucket")?.reason).toMatch(/no bucket/);
    expect(result.ok).toBe(true);
  });

  it("is not ok without an identity, and says STS refused", async () => {
    const { g } = gateways((g) => {
      g.sts.callerIdentity = () => Promise.reject(refused("AccessDenied", 403));
    });
    const result = await testConnection(g, REGION, startDeadline(10_000));
    expect(result.identity).toBeNull();
    expect(outcomes(result.checks)["sts:GetCallerIdentity"]).toBe("missing");
    expect(result.ok).toBe(false);
  });

  it("accounts for every permission of the read variant: probed or unchecked", async () => {
    const result = await testConnection(gateways().g, REGION, startDeadline(10_000));
    const accounted = [...result.checks, ...result.unchecked].map((c) => c.action).sort();
    expect(accounted).toEqual(
      memberRolePermissions("read")
        .map((e) => e.action)
        .sort(),
    );
  });

  it("answers, with errors, when the deadline has passed: it never throws for an AWS failure", async () => {
    const passed: Deadline = startDeadline(0);
    const deadlineError = new AwsCallError("RequestDeadlineExceeded", "late", 0, null, "timeout", "op");
    const late = () => Promise.reject(deadlineError);
    const result = await testConnection(
      {
        sts: { callerIdentity: late },
        cognito: { listUserPoolsPage: late, describeUserPool: late, getLogDeliveryConfiguration: late },
        logs: { describeLogGroups: late, describeResourcePolicies: late },
        firehose: { listDeliveryStreams: late, describeDeliveryStream: late, listTags: late },
        s3: { listBuckets: late, headBucket: late, getBucketPolicy: late, getBucketEncryption: late },
        iam: { getRole: late },
        account: { listRegions: late },
        ec2: { describeRegions: late },
        cloudwatch: { listMetrics: late, getMetricData: late },
        logsEvents: { newestLogStreams: late, filterLogEvents: late },
        cloudtrail: { describeTrails: late },
      },
      REGION,
      passed,
    );
    expect(result.ok).toBe(false);
    expect(new Set(result.checks.map((c) => c.outcome))).toEqual(new Set(["error"]));
  });
});
