/**
 * Writing the shared delivery-policy documents without losing anyone's entry: the one implementation
 * both guided creation and the fixes use. Each write is a read → merge → write → read-back cycle that
 * runs under the document's key (`keyed-mutex.ts`), sends the revision it read where AWS keeps one
 * (a log group's own policy: `expectedRevisionId`), and checks afterwards that AWS holds the entry;
 * when another writer got in between (a revision conflict, or an entry missing on read-back) it
 * re-reads and merges again, and after a few rounds it fails loudly instead of reporting success.
 *
 * The merges themselves are the domain's (`planLogGroupScopedPolicy`, `planLogGroupPolicy`,
 * `planBucketPolicy`); this module only sequences AWS calls through small store ports, so the fixes
 * (user deadline, `LogsGateway`/`S3Gateway`) and creation (`ProvisioningGateway`) can both use it.
 */
import {
  bucketPolicyHasDelivery,
  type LogGroupDeliveryGrant,
  type LogGroupPolicy,
  logGroupDeliveryGrant,
  type PolicyAddition,
  planBucketPolicy,
  planLogGroupPolicy,
  planLogGroupScopedPolicy,
  policyAddition,
  policyCoversLogGroup,
  type ResourcePolicy,
  withoutAddition,
} from "@clc/domain";
import { AwsCallError } from "../aws/errors.ts";
import { type KeyedMutex, policyKeys } from "./keyed-mutex.ts";

/** How many read → merge → write → read-back rounds a write gets before it fails loudly. */
const MAX_ROUNDS = 4;

/** The CloudWatch Logs calls a write needs, bound to one region (and the caller's deadline). */
export interface LogPolicyStore {
  /** Account-level policies (all pages). */
  accountPolicies(): Promise<ResourcePolicy[]>;
  /** The log group's own policy, null when it has none. */
  logGroupPolicy(logGroupArn: string): Promise<LogGroupPolicy | null>;
  /** Answers the AWS request id when known. */
  putAccountPolicy(policyName: string, policyDocument: string): Promise<string | null>;
  putLogGroupPolicy(
    logGroupArn: string,
    policyDocument: string,
    expectedRevisionId: string | null,
  ): Promise<string | null>;
}

/** The S3 calls a bucket-policy write needs, bound to one bucket and its region. */
export interface BucketPolicyStore {
  /** The bucket's policy, null when it has none. */
  bucketPolicy(): Promise<string | null>;
  putBucketPolicy(policyDocument: string): Promise<string | null>;
}

/** Where a log group's delivery grant is written: its own policy (AWS's default) or an account slot. */
export type LogGroupPolicyScope = "log-group" | "account";

export type LogGroupPolicyWrite =
  | { changed: false; grant: LogGroupDeliveryGrant; message: string }
  | {
      changed: true;
      scope: "log-group";
      logGroupArn: string;
      before: string | null;
      after: string;
      addition: PolicyAddition;
      requestId: string | null;
      message: string;
    }
  | {
      changed: true;
      scope: "account";
      policyName: string;
      before: string | null;
      after: string;
      addition: PolicyAddition;
      requestId: string | null;
      message: string;
    };

export type BucketPolicyWrite =
  | { changed: false; before: string | null; message: string }
  | {
      changed: true;
      before: string | null;
      after: string;
      addition: PolicyAddition;
      requestId: string | null;
      message: string;
    };

/**
 * A delivery-policy write that cannot be done (`impossible`: the plan says so, e.g. an unreadable
 * policy) or whose entry AWS does not keep (`not-kept`: other writers kept replacing the document).
 */
export class PolicyWriteError extends Error {
  constructor(
    readonly code: "impossible" | "not-kept",
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "PolicyWriteError";
  }
}

/** AWS's answer to a replacement whose expectedRevisionId is no longer the current revision. */
function isRevisionConflict(error: unknown): boolean {
  return error instanceof AwsCallError && error.code === "OperationAbortedException";
}

function notKept(what: string, why: string): PolicyWriteError {
  return new PolicyWriteError(
    "not-kept",
    `${what} was changed by someone else each time the console wrote it (${MAX_ROUNDS} rounds; last: ${why}), so log delivery is not confirmed.`,
    "Find out what else writes this policy (a script, Terraform, another console), then try again.",
  );
}

export interface DeliveryPolicyWriter {
  /**
   * Makes sure log delivery may write to a log group: nothing when either scope already grants it,
   * else the delivery statement merged into the log group's own policy (`scope` "log-group", the
   * default, which never spends one of the 10 account-level slots) or into an account-level policy
   * (`scope` "account", only when asked). Throws PolicyWriteError or AwsCallError.
   */
  ensureLogGroupDelivery(
    store: LogPolicyStore,
    target: { accountId: string; region: string; logGroupArn: string; scope: LogGroupPolicyScope },
  ): Promise<LogGroupPolicyWrite>;
  /** Makes sure a bucket's policy lets log delivery write, keeping every statement in it. */
  ensureBucketDelivery(
    store: BucketPolicyStore,
    target: { accountId: string; region: string; bucket: string },
  ): Promise<BucketPolicyWrite>;
  /**
   * Takes back what a write added to a log group's own policy (cleanup), under the same key and
   * revision rules. `deleteLogGroupPolicy` removes the policy when nothing else is left in it.
   */
  takeBackFromLogGroupPolicy(
    store: LogPolicyStore & {
      deleteLogGroupPolicy(logGroupArn: string, expectedRevisionId: string): Promise<unknown>;
    },
    logGroupArn: string,
    addition: PolicyAddition,
  ): Promise<"gone" | "deleted" | "updated" | "unchanged">;
  /** Runs a task under the key of the account-level policies of an account and region. */
  withAccountPolicies<T>(accountId: string, region: string, task: () => Promise<T>): Promise<T>;
  /** Runs a task under the key of a bucket's policy. */
  withBucketPolicy<T>(bucket: string, task: () => Promise<T>): Promise<T>;
}

export function createDeliveryPolicyWriter(mutex: KeyedMutex): DeliveryPolicyWriter {
  async function intoLogGroupPolicy(
    store: LogPolicyStore,
    logGroupArn: string,
  ): Promise<LogGroupPolicyWrite> {
    let why = "";
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [accountPolicies, own] = await Promise.all([
        store.accountPolicies(),
        store.logGroupPolicy(logGroupArn),
      ]);
      const plan = planLogGroupScopedPolicy({ logGroupArn, accountPolicies, logGroupPolicy: own });
      if (plan.action === "none") return { changed: false, grant: plan.grant, message: plan.reason };
      if (plan.action === "impossible") {
        throw new PolicyWriteError("impossible", plan.reason, "Change the log group's policy by hand.");
      }
      let requestId: string | null;
      try {
        requestId = await store.putLogGroupPolicy(logGroupArn, plan.policyDocument, plan.expectedRevisionId);
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
        why = "its revision changed between the read and the write";
        continue;
      }
      const after = await store.logGroupPolicy(logGroupArn);
      if (after && policyCoversLogGroup(after.policyDocument, logGroupArn)) {
        const before = own?.policyDocument ?? null;
        return {
          changed: true,
          scope: "log-group",
          logGroupArn,
          before,
          after: after.policyDocument,
          addition: policyAddition(before, plan.policyDocument),
          requestId,
          message:
            before === null
              ? "Attached a resource policy to the log group letting log delivery write to it."
              : "Added log delivery to the log group's resource policy; its other statements are unchanged.",
        };
      }
      why = "the policy read back after the write did not let log delivery write";
    }
    throw notKept("The log group's resource policy", why);
  }

  async function intoAccountPolicy(store: LogPolicyStore, logGroupArn: string): Promise<LogGroupPolicyWrite> {
    let why = "";
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [accountPolicies, own] = await Promise.all([
        store.accountPolicies(),
        store.logGroupPolicy(logGroupArn),
      ]);
      const grant = logGroupDeliveryGrant({ logGroupArn, accountPolicies, logGroupPolicy: own });
      if (grant) {
        return {
          changed: false,
          grant,
          message:
            grant.scope === "log-group"
              ? "Already allowed by the log group's own resource policy."
              : `Already allowed by ${grant.policyName}.`,
        };
      }
      const plan = planLogGroupPolicy({ logGroupArn, resourcePolicies: accountPolicies });
      if (plan.action === "none") {
        return {
          changed: false,
          grant: { scope: "account", policyName: plan.policyName },
          message: plan.reason,
        };
      }
      if (plan.action === "impossible") {
        throw new PolicyWriteError(
          "impossible",
          plan.reason,
          "Leave the policy scope at its default (the log group's own policy), which needs no account-level slot.",
        );
      }
      const before = accountPolicies.find((p) => p.policyName === plan.policyName)?.policyDocument ?? null;
      // Account-level policies have no revision (AWS answers none): the key and the read-back guard them.
      const requestId = await store.putAccountPolicy(plan.policyName, plan.policyDocument);
      const written = (await store.accountPolicies()).find((p) => p.policyName === plan.policyName);
      if (written && policyCoversLogGroup(written.policyDocument, logGroupArn)) {
        return {
          changed: true,
          scope: "account",
          policyName: plan.policyName,
          before,
          after: written.policyDocument,
          addition: policyAddition(before, plan.policyDocument),
          requestId,
          message:
            plan.action === "create"
              ? `Created the account-level resource policy ${plan.policyName}.`
              : `Added log delivery to the account-level resource policy ${plan.policyName}; its other statements are unchanged.${
                  plan.nearlyFull ? " The policy is nearly full." : ""
                }`,
        };
      }
      why = `${plan.policyName} read back after the write did not let log delivery write`;
    }
    throw notKept("The account-level resource policy", why);
  }

  return {
    ensureLogGroupDelivery(store, target) {
      const arn = target.logGroupArn.replace(/:\*$/, "");
      return target.scope === "account"
        ? mutex.run(policyKeys.accountLogPolicies(target.accountId, target.region), () =>
            intoAccountPolicy(store, arn),
          )
        : mutex.run(policyKeys.logGroupPolicy(arn), () => intoLogGroupPolicy(store, arn));
    },

    ensureBucketDelivery(store, target) {
      const name = target.bucket.replace(/^arn:[^:]+:s3:::/, "");
      return mutex.run(policyKeys.bucketPolicy(name), async () => {
        let why = "";
        for (let round = 0; round < MAX_ROUNDS; round++) {
          const existing = await store.bucketPolicy();
          const plan = planBucketPolicy({
            existingPolicy: existing,
            bucket: target.bucket,
            region: target.region,
            accountId: target.accountId,
          });
          if (plan.action === "none") return { changed: false, before: existing, message: plan.reason };
          if (plan.action === "impossible") {
            throw new PolicyWriteError("impossible", plan.reason, "Change the bucket policy by hand.");
          }
          // S3 keeps no revision of a bucket policy: the key and the read-back guard it.
          const requestId = await store.putBucketPolicy(plan.policyDocument);
          const after = await store.bucketPolicy();
          if (after !== null && bucketPolicyHasDelivery(after, name, target.accountId, target.region)) {
            return {
              changed: true,
              before: existing,
              after,
              addition: policyAddition(existing, plan.policyDocument),
              requestId,
              message:
                existing === null
                  ? "Added a bucket policy letting log delivery write."
                  : "Added log delivery to the bucket policy; its other statements are unchanged.",
            };
          }
          why = "the bucket policy read back after the write did not let log delivery write";
        }
        throw notKept(`The policy of bucket ${name}`, why);
      });
    },

    takeBackFromLogGroupPolicy(store, logGroupArn, addition) {
      const arn = logGroupArn.replace(/:\*$/, "");
      return mutex.run(policyKeys.logGroupPolicy(arn), async () => {
        for (let round = 0; round < MAX_ROUNDS; round++) {
          let current: LogGroupPolicy | null;
          try {
            current = await store.logGroupPolicy(arn);
          } catch (error) {
            // The log group itself is gone, and its policy with it.
            if (error instanceof AwsCallError && error.code === "ResourceNotFoundException") return "gone";
            throw error;
          }
          if (!current) return "gone";
          const result = withoutAddition(current.policyDocument, addition);
          try {
            if (result.document === null) {
              await store.deleteLogGroupPolicy(arn, current.revisionId ?? "");
              return "deleted";
            }
            if (result.document === current.policyDocument) return "unchanged";
            await store.putLogGroupPolicy(arn, result.document, current.revisionId);
            return "updated";
          } catch (error) {
            if (!isRevisionConflict(error)) throw error;
          }
        }
        throw notKept("The log group's resource policy", "its revision kept changing during cleanup");
      });
    },

    withAccountPolicies(accountId, region, task) {
      return mutex.run(policyKeys.accountLogPolicies(accountId, region), task);
    },

    withBucketPolicy(bucket, task) {
      return mutex.run(policyKeys.bucketPolicy(bucket.replace(/^arn:[^:]+:s3:::/, "")), task);
    },
  };
}
