import { beforeEach, describe, expect, it } from "vitest";
import { createLogsService } from "../src/services/logs/index.ts";
import { awsErrorOf, type FakeContext, fakeContext } from "./services-context.ts";

type Answer = Record<string, unknown>;

describe("logs service", () => {
  let logs: ReturnType<typeof createLogsService>;
  let ctx: FakeContext;
  const call = (op: string, input: Answer, context: FakeContext = ctx) => {
    const handler = logs.operations[op];
    if (!handler) throw new Error(`no operation ${op}`);
    return handler(input, context) as Answer;
  };

  beforeEach(() => {
    logs = createLogsService();
    ctx = fakeContext();
  });

  describe("CreateLogGroup / DescribeLogGroups", () => {
    it("creates a group and describes it with both ARN forms", () => {
      call("CreateLogGroup", { logGroupName: "/aws/vendedlogs/cognito/p1" });
      expect(ctx.changes).toBe(1);
      const answer = call("DescribeLogGroups", { logGroupNamePrefix: "/aws/vendedlogs" });
      expect(answer).toEqual({
        logGroups: [
          {
            logGroupName: "/aws/vendedlogs/cognito/p1",
            creationTime: ctx.now(),
            metricFilterCount: 0,
            arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/p1:*",
            logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/p1",
            storedBytes: 0,
            logGroupClass: "STANDARD",
            deletionProtectionEnabled: false,
          },
        ],
      });
    });

    it("rejects a duplicate name with AWS's message", () => {
      call("CreateLogGroup", { logGroupName: "/c/twice" });
      const error = awsErrorOf(() => call("CreateLogGroup", { logGroupName: "/c/twice" }));
      expect(error.code).toBe("ResourceAlreadyExistsException");
      expect(error.message).toBe("The specified log group already exists");
    });

    it("collects model violations into one InvalidParameterException", () => {
      const error = awsErrorOf(() =>
        call("CreateLogGroup", { logGroupName: "bad name!", logGroupClass: "COLD" }),
      );
      expect(error.code).toBe("InvalidParameterException");
      expect(error.message).toBe(
        "2 validation errors detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; Value 'COLD' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [DELIVERY, INFREQUENT_ACCESS, STANDARD]",
      );
      expect(awsErrorOf(() => call("CreateLogGroup", {})).message).toBe(
        "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
      );
      expect(awsErrorOf(() => call("CreateLogGroup", { logGroupName: "x".repeat(513) })).message).toContain(
        "Member must have length less than or equal to 512",
      );
      expect(awsErrorOf(() => call("CreateLogGroup", { logGroupName: 7 })).code).toBe(
        "SerializationException",
      );
    });

    it("enforces the limit range and pages with nextToken in name order", () => {
      for (const n of ["/p/c", "/p/a", "/p/e", "/p/b", "/p/d"]) call("CreateLogGroup", { logGroupName: n });
      expect(awsErrorOf(() => call("DescribeLogGroups", { limit: 51 })).message).toBe(
        "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
      );
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = call("DescribeLogGroups", { limit: 2, ...(token ? { nextToken: token } : {}) });
        names.push(...(page.logGroups as { logGroupName: string }[]).map((g) => g.logGroupName));
        token = page.nextToken as string | undefined;
        pages += 1;
      } while (token);
      expect(names).toEqual(["/p/a", "/p/b", "/p/c", "/p/d", "/p/e"]);
      expect(pages).toBe(3);
      expect(awsErrorOf(() => call("DescribeLogGroups", { nextToken: "garbage" })).code).toBe(
        "InvalidParameterException",
      );
    });

    it("omits kmsKeyId from pattern searches only, and finds groups by identifier", () => {
      const kms = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      call("CreateLogGroup", { logGroupName: "/enc/Group", kmsKeyId: kms });
      call("CreateLogGroup", { logGroupName: "/plain" });
      const byPrefix = call("DescribeLogGroups", { logGroupNamePrefix: "/enc" }).logGroups as Answer[];
      expect(byPrefix[0]?.kmsKeyId).toBe(kms);
      const byPattern = call("DescribeLogGroups", { logGroupNamePattern: "Group" }).logGroups as Answer[];
      expect(byPattern.map((g) => g.logGroupName)).toEqual(["/enc/Group"]);
      expect(byPattern[0]).not.toHaveProperty("kmsKeyId");
      expect((call("DescribeLogGroups", { logGroupNamePattern: "group" }).logGroups as Answer[]).length).toBe(
        0,
      );
      const byId = call("DescribeLogGroups", {
        logGroupIdentifiers: [
          "arn:aws:logs:us-east-1:123456789012:log-group:/plain",
          "/enc/Group",
          "/missing",
        ],
      }).logGroups as Answer[];
      expect(byId.map((g) => g.logGroupName)).toEqual(["/enc/Group", "/plain"]);
      expect(
        awsErrorOf(() => call("DescribeLogGroups", { logGroupNamePrefix: "/a", logGroupNamePattern: "b" }))
          .code,
      ).toBe("InvalidParameterException");
    });

    it("keeps state per account and region", () => {
      call("CreateLogGroup", { logGroupName: "/only/here" });
      const other = ctx.as({ region: "eu-west-1" });
      expect(call("DescribeLogGroups", {}, other).logGroups).toEqual([]);
      call("CreateLogGroup", { logGroupName: "/only/here" }, other);
      const described = call("DescribeLogGroups", {}, other).logGroups as Answer[];
      expect(described[0]?.logGroupArn).toBe("arn:aws:logs:eu-west-1:123456789012:log-group:/only/here");
    });

    it("deletes, then answers not found", () => {
      call("CreateLogGroup", { logGroupName: "/gone" });
      call("DeleteLogGroup", { logGroupName: "/gone" });
      const error = awsErrorOf(() => call("DeleteLogGroup", { logGroupName: "/gone" }));
      expect(error.code).toBe("ResourceNotFoundException");
      expect(error.message).toBe("The specified log group does not exist.");
    });
  });

  describe("retention", () => {
    it("accepts only the allowed values and can remove the policy", () => {
      call("CreateLogGroup", { logGroupName: "/r" });
      call("PutRetentionPolicy", { logGroupName: "/r", retentionInDays: 14 });
      expect((call("DescribeLogGroups", {}).logGroups as Answer[])[0]?.retentionInDays).toBe(14);
      const error = awsErrorOf(() => call("PutRetentionPolicy", { logGroupName: "/r", retentionInDays: 2 }));
      expect(error.code).toBe("InvalidParameterException");
      expect(error.message).toBe(
        "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
      );
      call("DeleteRetentionPolicy", { logGroupName: "/r" });
      expect((call("DescribeLogGroups", {}).logGroups as Answer[])[0]).not.toHaveProperty("retentionInDays");
      expect(
        awsErrorOf(() => call("PutRetentionPolicy", { logGroupName: "/no", retentionInDays: 1 })).code,
      ).toBe("ResourceNotFoundException");
    });
  });

  describe("resource policies", () => {
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: [] });

    it("allows ten names per account and region, replaces by name, and rejects the eleventh", () => {
      for (let i = 0; i < 10; i++) call("PutResourcePolicy", { policyName: `p${i}`, policyDocument: doc });
      call("PutResourcePolicy", { policyName: "p3", policyDocument: doc });
      const error = awsErrorOf(() => call("PutResourcePolicy", { policyName: "p10", policyDocument: doc }));
      expect(error.code).toBe("LimitExceededException");
      expect(
        call(
          "PutResourcePolicy",
          { policyName: "p10", policyDocument: doc },
          ctx.as({ region: "eu-west-1" }),
        ),
      ).toMatchObject({ resourcePolicy: { policyName: "p10" } });
      expect((call("DescribeResourcePolicies", {}).resourcePolicies as Answer[]).length).toBe(10);
      call("DeleteResourcePolicy", { policyName: "p0" });
      call("PutResourcePolicy", { policyName: "p10", policyDocument: doc });
    });

    it("rejects documents over 5120 characters or not JSON", () => {
      const long = awsErrorOf(() =>
        call("PutResourcePolicy", { policyName: "big", policyDocument: "x".repeat(5121) }),
      );
      expect(long.message).toContain(
        "at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 5120",
      );
      expect(
        awsErrorOf(() => call("PutResourcePolicy", { policyName: "j", policyDocument: "nope" })).code,
      ).toBe("InvalidParameterException");
    });

    it("answers account-level policies with policyScope ACCOUNT and no revision id, as AWS does", () => {
      const put = call("PutResourcePolicy", { policyName: "acct", policyDocument: doc });
      expect(put).toEqual({
        resourcePolicy: {
          policyName: "acct",
          policyDocument: doc,
          lastUpdatedTime: ctx.now(),
          policyScope: "ACCOUNT",
        },
      });
      expect(call("DescribeResourcePolicies", {}).resourcePolicies).toEqual([put.resourcePolicy]);
      expect(call("DescribeResourcePolicies", { policyScope: "ACCOUNT" }).resourcePolicies).toEqual([
        put.resourcePolicy,
      ]);
      const missing = awsErrorOf(() => call("DeleteResourcePolicy", { policyName: "gone" }));
      expect([missing.code, missing.message]).toEqual([
        "ResourceNotFoundException",
        "Policy with name [gone] does not exist.",
      ]);
    });
  });

  describe("log-group-scoped resource policies", () => {
    const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/lg";
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    beforeEach(() => {
      call("CreateLogGroup", { logGroupName: "/aws/vendedlogs/cognito/lg" });
    });

    it("creates one policy per log group with a revision id, shown only when asked for by resourceArn", () => {
      const put = call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc });
      expect(put.revisionId).toMatch(/^\d+$/);
      expect(put.resourcePolicy).toEqual({
        policyDocument: doc,
        lastUpdatedTime: ctx.now(),
        policyScope: "RESOURCE",
        resourceArn: arn,
        revisionId: put.revisionId,
      });
      // Describe without resourceArn lists account-level policies only (policyScope defaults to ACCOUNT).
      expect(call("DescribeResourcePolicies", {}).resourcePolicies).toEqual([]);
      expect(
        call("DescribeResourcePolicies", { resourceArn: arn, policyScope: "RESOURCE" }).resourcePolicies,
      ).toEqual([put.resourcePolicy]);
      expect(call("DescribeResourcePolicies", { resourceArn: `${arn}:*` }).resourcePolicies).toEqual([
        put.resourcePolicy,
      ]);
      expect(call("DescribeResourcePolicies", { policyScope: "RESOURCE" }).resourcePolicies).toEqual([
        put.resourcePolicy,
      ]);
    });

    it("replaces a policy only with the revision it was read at", () => {
      const first = call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc });
      const withoutRevision = awsErrorOf(() =>
        call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc }),
      );
      expect(withoutRevision.code).toBe("OperationAbortedException");
      ctx.advance(1000);
      const second = call("PutResourcePolicy", {
        resourceArn: arn,
        policyDocument: doc,
        expectedRevisionId: first.revisionId,
      });
      expect(second.revisionId).not.toBe(first.revisionId);
      const stale = awsErrorOf(() =>
        call("PutResourcePolicy", {
          resourceArn: arn,
          policyDocument: doc,
          expectedRevisionId: first.revisionId,
        }),
      );
      expect(stale.code).toBe("OperationAbortedException");
      expect(stale.message).toContain(`expected revision ${String(first.revisionId)}`);
      const created = awsErrorOf(() =>
        call("PutResourcePolicy", {
          resourceArn: arn.replace("/lg", "/other"),
          policyDocument: doc,
          expectedRevisionId: "1",
        }),
      );
      expect(created.code).toBe("ResourceNotFoundException");
    });

    it("deletes by resourceArn with the current revision only", () => {
      const put = call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc });
      expect(awsErrorOf(() => call("DeleteResourcePolicy", { resourceArn: arn })).code).toBe(
        "InvalidParameterException",
      );
      expect(
        awsErrorOf(() => call("DeleteResourcePolicy", { resourceArn: arn, expectedRevisionId: "123" })).code,
      ).toBe("OperationAbortedException");
      call("DeleteResourcePolicy", { resourceArn: arn, expectedRevisionId: put.revisionId });
      expect(call("DescribeResourcePolicies", { resourceArn: arn }).resourcePolicies).toEqual([]);
      expect(
        awsErrorOf(() =>
          call("DeleteResourcePolicy", { resourceArn: arn, expectedRevisionId: put.revisionId }),
        ).code,
      ).toBe("ResourceNotFoundException");
    });

    it("allows documents up to 51,200 characters and does not count against the ten account slots", () => {
      for (let i = 0; i < 10; i++) call("PutResourcePolicy", { policyName: `p${i}`, policyDocument: doc });
      const big = JSON.stringify({ Version: "2012-10-17", Statement: [], Padding: "x".repeat(51_000) });
      expect(big.length).toBeGreaterThan(5120);
      expect(call("PutResourcePolicy", { resourceArn: arn, policyDocument: big }).revisionId).toBeDefined();
      const tooBig = awsErrorOf(() =>
        call("PutResourcePolicy", { resourceArn: arn, policyDocument: "x".repeat(51_201) }),
      );
      expect(tooBig.message).toContain("Member must have length less than or equal to 51200");
    });

    it("takes exactly one of policyName and resourceArn, and only log group ARNs of the caller", () => {
      expect(
        awsErrorOf(() =>
          call("PutResourcePolicy", { policyName: "n", resourceArn: arn, policyDocument: doc }),
        ).code,
      ).toBe("InvalidParameterException");
      expect(awsErrorOf(() => call("PutResourcePolicy", { policyDocument: doc })).code).toBe(
        "InvalidParameterException",
      );
      expect(
        awsErrorOf(() =>
          call("PutResourcePolicy", {
            resourceArn: "arn:aws:s3:::bucket",
            policyDocument: doc,
          }),
        ).code,
      ).toBe("InvalidParameterException");
      expect(
        awsErrorOf(() =>
          call("PutResourcePolicy", {
            resourceArn: arn.replace("us-east-1", "eu-west-1"),
            policyDocument: doc,
          }),
        ).code,
      ).toBe("ResourceNotFoundException");
      expect(
        awsErrorOf(() => call("DescribeResourcePolicies", { resourceArn: arn, policyScope: "ACCOUNT" })).code,
      ).toBe("InvalidParameterException");
    });

    it("goes with its log group", () => {
      call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc });
      call("DeleteLogGroup", { logGroupName: "/aws/vendedlogs/cognito/lg" });
      call("CreateLogGroup", { logGroupName: "/aws/vendedlogs/cognito/lg" });
      expect(call("DescribeResourcePolicies", { resourceArn: arn }).resourcePolicies).toEqual([]);
    });

    it("survives a snapshot round trip, and restores states saved before the scope existed", () => {
      call("PutResourcePolicy", { resourceArn: arn, policyDocument: doc });
      const copy = createLogsService();
      copy.restore(JSON.parse(JSON.stringify(logs.snapshot())));
      const describe = (input: Answer) => {
        const handler = copy.operations.DescribeResourcePolicies;
        if (!handler) throw new Error("no DescribeResourcePolicies");
        return handler(input, ctx) as Answer;
      };
      expect(describe({ resourceArn: arn }).resourcePolicies).toHaveLength(1);
      const old = JSON.parse(JSON.stringify(logs.snapshot()));
      for (const scope of Object.values(old.scopes) as Array<Record<string, unknown>>)
        delete scope.groupPolicies;
      copy.restore(old);
      expect(describe({ resourceArn: arn }).resourcePolicies).toEqual([]);
    });
  });

  describe("streams and events", () => {
    beforeEach(() => {
      call("CreateLogGroup", { logGroupName: "/ev" });
      call("CreateLogStream", { logGroupName: "/ev", logStreamName: "s1" });
    });

    it("stores events and reads them back with GetLogEvents tokens", () => {
      const t = ctx.now();
      const put = call("PutLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        logEvents: [1, 2, 3].map((i) => ({ timestamp: t + i, message: `m${i}` })),
      });
      expect(put.nextSequenceToken).toMatch(/^\d{56}$/);
      const head = call("GetLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        startFromHead: true,
        limit: 2,
      });
      expect((head.events as Answer[]).map((e) => e.message)).toEqual(["m1", "m2"]);
      const rest = call("GetLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        nextToken: head.nextForwardToken,
      });
      expect((rest.events as Answer[]).map((e) => e.message)).toEqual(["m3"]);
      const end = call("GetLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        nextToken: rest.nextForwardToken,
      });
      expect(end.events).toEqual([]);
      expect(end.nextForwardToken).toBe(rest.nextForwardToken);
      const tail = call("GetLogEvents", { logGroupIdentifier: "/ev", logStreamName: "s1", limit: 1 });
      expect((tail.events as Answer[]).map((e) => e.message)).toEqual(["m3"]);
      const streams = call("DescribeLogStreams", { logGroupName: "/ev" }).logStreams as Answer[];
      expect(streams[0]).toMatchObject({
        logStreamName: "s1",
        firstEventTimestamp: t + 1,
        lastEventTimestamp: t + 3,
      });
    });

    it("enforces order, existence and the age window like AWS", () => {
      const t = ctx.now();
      expect(
        awsErrorOf(() =>
          call("PutLogEvents", {
            logGroupName: "/ev",
            logStreamName: "s1",
            logEvents: [
              { timestamp: t, message: "b" },
              { timestamp: t - 1, message: "a" },
            ],
          }),
        ).message,
      ).toBe("Log events in a single PutLogEvents request must be in chronological order.");
      expect(
        awsErrorOf(() =>
          call("PutLogEvents", {
            logGroupName: "/ev",
            logStreamName: "nope",
            logEvents: [{ timestamp: t, message: "x" }],
          }),
        ).message,
      ).toBe("The specified log stream does not exist.");
      expect(
        awsErrorOf(() => call("PutLogEvents", { logGroupName: "/ev", logStreamName: "s1", logEvents: [] }))
          .message,
      ).toContain("Member must have length greater than or equal to 1");
      const answer = call("PutLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        logEvents: [
          { timestamp: t - 14 * 86_400_000 - 1000, message: "old" },
          { timestamp: t - 14 * 86_400_000 + 1000, message: "ok" },
        ],
      });
      expect(answer.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0 });
      expect(
        awsErrorOf(() => call("CreateLogStream", { logGroupName: "/ev", logStreamName: "s1" })).code,
      ).toBe("ResourceAlreadyExistsException");
      expect(
        awsErrorOf(() => call("CreateLogStream", { logGroupName: "/ev", logStreamName: "a:b" })).message,
      ).toContain("Member must satisfy regular expression pattern: [^:*]*");
    });

    it("filters across streams by text and JSON patterns, paging with nextToken", () => {
      call("CreateLogStream", { logGroupName: "/ev", logStreamName: "s2" });
      const t = ctx.now();
      call("PutLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s1",
        logEvents: [
          {
            timestamp: t,
            message: JSON.stringify({ eventSource: "USER_ACTIVITY", message: { eventType: "SignIn" } }),
          },
          { timestamp: t + 2, message: "plain ERROR line" },
        ],
      });
      call("PutLogEvents", {
        logGroupName: "/ev",
        logStreamName: "s2",
        logEvents: [{ timestamp: t + 1, message: JSON.stringify({ eventSource: "USER_NOTIFICATION" }) }],
      });
      const all: Answer[] = [];
      let token: string | undefined;
      do {
        const page = call("FilterLogEvents", {
          logGroupName: "/ev",
          limit: 1,
          ...(token ? { nextToken: token } : {}),
        });
        all.push(...(page.events as Answer[]));
        token = page.nextToken as string | undefined;
      } while (token);
      expect(all.map((e) => e.logStreamName)).toEqual(["s1", "s2", "s1"]);
      const json = call("FilterLogEvents", {
        logGroupName: "/ev",
        filterPattern: '{ $.eventSource = "USER_*" && $.message.eventType = "SignIn" }',
      });
      expect((json.events as Answer[]).length).toBe(1);
      const text = call("FilterLogEvents", { logGroupName: "/ev", filterPattern: "ERROR" });
      expect((text.events as Answer[]).map((e) => e.message)).toEqual(["plain ERROR line"]);
      const none = call("FilterLogEvents", { logGroupName: "/ev", filterPattern: "error" });
      expect(none.events).toEqual([]);
      const early = call("FilterLogEvents", { logGroupName: "/ev", startTime: t - 86_400_000 });
      expect(early.events).toEqual([]);
      expect(typeof early.nextToken).toBe("string");
      const afterEmpty = call("FilterLogEvents", {
        logGroupName: "/ev",
        startTime: t - 86_400_000,
        nextToken: early.nextToken,
      });
      expect((afterEmpty.events as Answer[]).length).toBe(3);
      expect(afterEmpty).not.toHaveProperty("nextToken");
      const onlyS2 = call("FilterLogEvents", { logGroupName: "/ev", logStreamNames: ["s2"] });
      expect((onlyS2.events as Answer[]).length).toBe(1);
    });
  });

  describe("tags", () => {
    it("tags and lists by ARN", () => {
      call("CreateLogGroup", { logGroupName: "/t", tags: { team: "identity" } });
      const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/t";
      call("TagResource", { resourceArn: arn, tags: { env: "dev" } });
      expect(call("ListTagsForResource", { resourceArn: arn })).toEqual({
        tags: { team: "identity", env: "dev" },
      });
      call("UntagResource", { resourceArn: arn, tagKeys: ["team"] });
      expect(call("ListTagsForResource", { resourceArn: arn })).toEqual({ tags: { env: "dev" } });
      expect(
        awsErrorOf(() =>
          call("ListTagsForResource", { resourceArn: "arn:aws:logs:us-east-1:123456789012:log-group:/x" }),
        ).code,
      ).toBe("ResourceNotFoundException");
    });
  });

  it("round-trips its state through a JSON snapshot", () => {
    call("CreateLogGroup", { logGroupName: "/persist" });
    call("CreateLogStream", { logGroupName: "/persist", logStreamName: "s" });
    call("PutLogEvents", {
      logGroupName: "/persist",
      logStreamName: "s",
      logEvents: [{ timestamp: ctx.now(), message: "hi" }],
    });
    const saved = JSON.parse(JSON.stringify(logs.snapshot()));
    const again = createLogsService();
    again.restore(saved);
    const get = again.operations.GetLogEvents;
    expect(get?.({ logGroupName: "/persist", logStreamName: "s" }, ctx)).toMatchObject({
      events: [{ message: "hi" }],
    });
    expect(() => again.restore({ version: 2 })).toThrow(/not a logs snapshot/);
  });
});
