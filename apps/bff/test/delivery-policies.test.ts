/**
 * The delivery-policy writer's sequencing, on in-memory stores (pure logic: no AWS, no HTTP). The
 * stores answer after a turn of the event loop so that concurrent writers really interleave, and can
 * misbehave the ways other writers make AWS misbehave: a revision that moved, a document replaced
 * right after our write.
 */
import {
  bucketPolicyHasDelivery,
  type LogGroupPolicy,
  policyCoversLogGroup,
  type ResourcePolicy,
} from "@clc/domain";
import { describe, expect, it } from "vitest";
import { AwsCallError } from "../src/aws/errors.ts";
import {
  type BucketPolicyStore,
  createDeliveryPolicyWriter,
  type LogPolicyStore,
  PolicyWriteError,
} from "../src/lib/delivery-policies.ts";
import { createKeyedMutex } from "../src/lib/keyed-mutex.ts";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const arn = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

function conflict(): AwsCallError {
  return new AwsCallError(
    "OperationAbortedException",
    "revision changed",
    400,
    null,
    "service",
    "logs.PutResourcePolicy",
  );
}

/** CloudWatch Logs in memory, enforcing revisions the way the sandbox and AWS do. */
function memoryLogs() {
  const account = new Map<string, string>();
  const own = new Map<string, { policyDocument: string; revisionId: string }>();
  let revision = 0;
  const hooks = { afterPut: (_arn: string) => {} };
  /** Log groups whose coverage is watched, and those a write ever took away. */
  const coveredGroups: string[] = [];
  const lost: string[] = [];
  const store: LogPolicyStore & { deleteLogGroupPolicy(a: string, r: string): Promise<unknown> } = {
    async accountPolicies(): Promise<ResourcePolicy[]> {
      await tick();
      return [...account].map(([policyName, policyDocument]) => ({ policyName, policyDocument }));
    },
    async logGroupPolicy(logGroupArn): Promise<LogGroupPolicy | null> {
      await tick();
      const p = own.get(logGroupArn);
      return p ? { resourceArn: logGroupArn, ...p } : null;
    },
    async putAccountPolicy(name, document) {
      await tick();
      // A write that drops an entry the stored document had is a lost entry, even if re-added later.
      const previous = account.get(name);
      for (const group of coveredGroups) {
        if (previous && policyCoversLogGroup(previous, group) && !policyCoversLogGroup(document, group)) {
          lost.push(group);
        }
      }
      account.set(name, document);
      return "req";
    },
    async putLogGroupPolicy(logGroupArn, document, expected) {
      await tick();
      if ((own.get(logGroupArn)?.revisionId ?? null) !== expected) throw conflict();
      own.set(logGroupArn, { policyDocument: document, revisionId: String(++revision) });
      hooks.afterPut(logGroupArn);
      return "req";
    },
    async deleteLogGroupPolicy(logGroupArn, expected) {
      await tick();
      if (own.get(logGroupArn)?.revisionId !== expected) throw conflict();
      own.delete(logGroupArn);
    },
  };
  return { store, account, own, hooks, coveredGroups, lost, bump: () => String(++revision) };
}

describe("keyed mutex", () => {
  it("runs one task at a time per key, in order, even when one fails, and forgets idle keys", async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      mutex.run("a", task("a1", true)),
      mutex.run("a", task("a2")),
      mutex.run("b", task("b1")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("start a2")).toBeGreaterThan(log.indexOf("end a1"));
    // Another key does not wait.
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
    await tick();
    expect(mutex.busyKeys()).toEqual([]);
  });
});

describe("delivery-policy writer", () => {
  it("serializes concurrent account-level writes so none ever drops another's entry", async () => {
    const logs = memoryLogs();
    const writer = createDeliveryPolicyWriter(createKeyedMutex());
    const names = ["/a/1", "/a/2", "/a/3", "/a/4"];
    logs.coveredGroups.push(...names.map(arn));
    const results = await Promise.all(
      names.map((n) =>
        writer.ensureLogGroupDelivery(logs.store, {
          accountId: ACCOUNT,
          region: REGION,
          logGroupArn: arn(n),
          scope: "account",
        }),
      ),
    );
    expect(results.every((r) => r.changed)).toBe(true);
    const documents = [...logs.account.values()];
    for (const n of names) expect(documents.some((d) => policyCoversLogGroup(d, arn(n)))).toBe(true);
    // Serialized: no write ever replaced the document without an entry another writer had put there.
    expect(logs.lost).toEqual([]);
  });

  it("re-reads and merges again when the log group's revision moved under it", async () => {
    const logs = memoryLogs();
    const other = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Other",
          Effect: "Allow",
          Principal: { Service: "es.amazonaws.com" },
          Action: "logs:PutLogEvents",
          Resource: "*",
        },
      ],
    });
    const realPut = logs.store.putLogGroupPolicy;
    let first = true;
    logs.store.putLogGroupPolicy = async (a, d, r) => {
      if (first) {
        // Someone else writes the policy between our read and our write.
        first = false;
        logs.own.set(a, { policyDocument: other, revisionId: logs.bump() });
      }
      return realPut(a, d, r);
    };
    const writer = createDeliveryPolicyWriter(createKeyedMutex());
    const result = await writer.ensureLogGroupDelivery(logs.store, {
      accountId: ACCOUNT,
      region: REGION,
      logGroupArn: arn("/g"),
      scope: "log-group",
    });
    expect(result.changed).toBe(true);
    const stored = logs.own.get(arn("/g"))?.policyDocument ?? "";
    expect(policyCoversLogGroup(stored, arn("/g"))).toBe(true);
    expect(JSON.parse(stored).Statement.map((s: { Sid: string }) => s.Sid)).toContain("Other");
  });

  it("fails loudly when the entry is never there on reading back", async () => {
    const logs = memoryLogs();
    // Another writer replaces the document right after every write of ours.
    logs.hooks.afterPut = (a) =>
      logs.own.set(a, { policyDocument: JSON.stringify({ Statement: [] }), revisionId: logs.bump() });
    const writer = createDeliveryPolicyWriter(createKeyedMutex());
    const error = await writer
      .ensureLogGroupDelivery(logs.store, {
        accountId: ACCOUNT,
        region: REGION,
        logGroupArn: arn("/g"),
        scope: "log-group",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyWriteError);
    expect((error as PolicyWriteError).code).toBe("not-kept");
  });

  it("verifies a bucket policy after writing it, and merges again if it was replaced meanwhile", async () => {
    let stored: string | null = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Keep",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "arn:aws:s3:::b/*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    let replaceOnce = true;
    const store: BucketPolicyStore = {
      async bucketPolicy() {
        await tick();
        return stored;
      },
      async putBucketPolicy(document) {
        await tick();
        stored = document;
        if (replaceOnce) {
          // Another tool puts back the old document right after our write.
          replaceOnce = false;
          stored = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "Other",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::1:root" },
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::b/*",
              },
            ],
          });
        }
        return "req";
      },
    };
    const writer = createDeliveryPolicyWriter(createKeyedMutex());
    const result = await writer.ensureBucketDelivery(store, {
      accountId: ACCOUNT,
      region: REGION,
      bucket: "b",
    });
    expect(result.changed).toBe(true);
    expect(bucketPolicyHasDelivery(stored, "b", ACCOUNT, REGION)).toBe(true);
    expect(JSON.parse(stored ?? "{}").Statement.map((s: { Sid: string }) => s.Sid)).toContain("Other");
  });

  it("takes back only its own statement from a log group's policy, with the current revision", async () => {
    const logs = memoryLogs();
    const writer = createDeliveryPolicyWriter(createKeyedMutex());
    const target = {
      accountId: ACCOUNT,
      region: REGION,
      logGroupArn: arn("/g"),
      scope: "log-group" as const,
    };
    const written = await writer.ensureLogGroupDelivery(logs.store, target);
    if (!written.changed) throw new Error("expected a write");
    expect(await writer.takeBackFromLogGroupPolicy(logs.store, arn("/g"), written.addition)).toBe("deleted");
    expect(logs.own.has(arn("/g"))).toBe(false);
    expect(await writer.takeBackFromLogGroupPolicy(logs.store, arn("/g"), written.addition)).toBe("gone");
  });
});
