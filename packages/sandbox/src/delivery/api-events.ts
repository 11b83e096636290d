/**
 * CloudTrail → EventBridge for the Cognito calls the sandbox serves (from any client): a successful
 * write call of cognito-idp becomes an "AWS API Call via CloudTrail" event (source `aws.cognito-idp`,
 * `detail.eventName`, `detail.requestParameters.userPoolId`; for CreateUserPool the new pool's id is in
 * `detail.responseElements.userPool.id`), but only when a trail of the account records write
 * management events in that region (`CloudTrailService.recordsManagementEvents`), as in AWS. After
 * `delayMs()` it is matched against the rules of the account's default bus in that region and sent to
 * each matching rule's targets: an SQS queue (only if the queue policy lets events.amazonaws.com send
 * from that rule) or a Firehose stream (PutRecordBatch, one JSON line per event, only as the target's
 * RoleArn: a role of the account that events.amazonaws.com may assume and whose policies allow
 * firehose:PutRecordBatch on the stream; EventBridge user guide, "Amazon Data Firehose stream target":
 * "The role needs firehose:PutRecordBatch on the stream"). Each attempt is noted
 * for diagnostics. Read-only calls (Describe*, Get*, List*) are not sent: EventBridge receives
 * read-only management events only on rules that opt in, which the sandbox does not simulate.
 *
 * Event shape: EventBridge user guide, "AWS service events delivered via AWS CloudTrail" and
 * CloudTrail's record contents; the fields the console reads are the ones above.
 */
import { randomUUID } from "node:crypto";
import { newRequestId } from "../core/ids.ts";
import { AwsError, type CallContext, type JsonService } from "../core/types.ts";
import type { CloudTrailService } from "../services/cloudtrail/index.ts";
import type { EventsService, EventTarget } from "../services/events/index.ts";
import type { IamService } from "../services/iam/index.ts";
import { actionMatches, decide } from "../services/iam/permissions.ts";
import { isObject } from "../services/shared/json.ts";
import { statementsOf, strings } from "../services/shared/policy-documents.ts";
import { wildcardMatch } from "../services/shared/wildcards.ts";
import type { SqsService } from "../services/sqs/index.ts";

/** A call the server answered successfully (server.ts `onServed`). */
export interface ServedCall {
  readonly signingName: string | undefined;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly output: unknown;
  readonly ctx: CallContext;
}

export interface ApiEventFeed {
  observe(call: ServedCall): void;
  /** Events waiting for their delay, for tests and diagnostics. */
  pending(): number;
  close(): void;
}

const EVENT_PRINCIPAL = "events.amazonaws.com";
const READ_ONLY = /^(Describe|Get|List)/;

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Whether a trust policy lets EventBridge, acting for `accountId` from `ruleArn`, assume the role: an
 * Allow of sts:AssumeRole to the service principal whose conditions (aws:SourceAccount, aws:SourceArn
 * with StringEquals/StringLike/ArnEquals/ArnLike) hold; any other condition key is not modelled and
 * grants nothing.
 */
export function eventsMayAssume(document: string, accountId: string, ruleArn: string): boolean {
  const facts: Record<string, string> = { "aws:sourceaccount": accountId, "aws:sourcearn": ruleArn };
  let allowed = false;
  for (const statement of statementsOf(document)) {
    if (!actionMatches(strings(statement.Action), "sts:AssumeRole")) continue;
    const principal = statement.Principal;
    if (!isObject(principal) || !strings(principal.Service).includes(EVENT_PRINCIPAL)) continue;
    let holds = true;
    if (statement.Condition !== undefined) {
      if (!isObject(statement.Condition)) continue;
      for (const [operator, block] of Object.entries(statement.Condition)) {
        if (!isObject(block) || !/^(StringEquals|StringLike|ArnEquals|ArnLike)$/.test(operator)) {
          holds = false;
          continue;
        }
        for (const [key, expected] of Object.entries(block)) {
          const fact = facts[key.toLowerCase()];
          const like = operator.endsWith("Like");
          if (
            fact === undefined ||
            !strings(expected).some((v) => (like ? wildcardMatch(v, fact) : v === fact))
          )
            holds = false;
        }
      }
    }
    if (!holds) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}

function poolIdOf(call: ServedCall): string | undefined {
  const fromInput = call.input.UserPoolId;
  if (typeof fromInput === "string") return fromInput;
  const pool = (call.output as { UserPool?: { Id?: unknown } } | undefined)?.UserPool;
  return typeof pool?.Id === "string" ? pool.Id : undefined;
}

/** The event EventBridge receives for a Cognito call (CloudTrail's record as `detail`). */
export function cloudTrailEvent(call: ServedCall, at: number): Record<string, unknown> {
  const { ctx } = call;
  const principal = ctx.principal;
  const poolId = poolIdOf(call);
  const created = call.operation === "CreateUserPool" && poolId !== undefined;
  const poolName = call.input.PoolName;
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "AWS API Call via CloudTrail",
    source: "aws.cognito-idp",
    account: ctx.accountId,
    time: isoSeconds(at),
    region: ctx.region,
    resources: [],
    detail: {
      eventVersion: "1.09",
      userIdentity: principal?.role
        ? { type: "AssumedRole", principalId: principal.userId, arn: principal.arn, accountId: ctx.accountId }
        : {
            type: "IAMUser",
            principalId: principal?.userId ?? "AIDASANDBOX",
            arn: principal?.arn ?? `arn:aws:iam::${ctx.accountId}:user/sandbox`,
            accountId: ctx.accountId,
            userName: "sandbox",
          },
      eventTime: isoSeconds(at),
      eventSource: "cognito-idp.amazonaws.com",
      eventName: call.operation,
      awsRegion: ctx.region,
      sourceIPAddress: "127.0.0.1",
      userAgent: "sandbox",
      requestParameters: created
        ? { poolName: typeof poolName === "string" ? poolName : undefined }
        : poolId !== undefined
          ? { userPoolId: poolId }
          : null,
      responseElements: created
        ? {
            userPool: {
              id: poolId,
              name: poolName,
              arn: `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${poolId}`,
            },
          }
        : null,
      requestID: ctx.requestId,
      eventID: randomUUID(),
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: ctx.accountId,
      eventCategory: "Management",
    },
  };
}

export function createApiEventFeed(deps: {
  cloudtrail: CloudTrailService;
  events: EventsService;
  sqs: SqsService;
  firehose: JsonService;
  iam: IamService;
  delayMs: () => number;
  now: () => number;
  /** State changed (persistence): a message was queued or a record put. */
  changed: () => void;
  log: (line: string) => void;
}): ApiEventFeed {
  const timers = new Set<NodeJS.Timeout>();

  /** Why EventBridge could not put into the stream as the target's role; null when it can. */
  function roleProblem(target: EventTarget, ruleArn: string, accountId: string): string | null {
    if (target.RoleArn === undefined) {
      return "the target has no RoleArn: EventBridge needs a role to put records into a Firehose stream";
    }
    const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(target.RoleArn);
    const role = m && m[1] === accountId ? deps.iam.role(accountId, m[2] ?? "") : undefined;
    if (!role) return `role ${target.RoleArn} does not exist`;
    if (!eventsMayAssume(role.assumeRolePolicyDocument, accountId, ruleArn)) {
      return `${EVENT_PRINCIPAL} may not assume role ${role.name}`;
    }
    const allowed = decide(
      deps.iam.policyDocuments(accountId, role.name),
      "firehose:PutRecordBatch",
      target.Arn,
    );
    return allowed === "allowed"
      ? null
      : `role ${role.name} is not allowed firehose:PutRecordBatch on ${target.Arn}`;
  }

  function sendToFirehose(arn: string, event: unknown): { ok: boolean; reason?: string } {
    const [, , , region = "", accountId = "", resource = ""] = arn.split(":");
    const name = resource.replace(/^deliverystream\//, "");
    const ctx: CallContext = {
      region,
      accountId,
      requestId: newRequestId(),
      now: deps.now,
      changed: () => {},
    };
    // EventBridge calls PutRecordBatch (one record per event); Firehose adds no delimiter, so the line ends with one.
    const put = deps.firehose.operations.PutRecordBatch;
    try {
      const answer = put?.(
        {
          DeliveryStreamName: name,
          Records: [{ Data: Buffer.from(`${JSON.stringify(event)}\n`).toString("base64") }],
        },
        ctx,
      ) as { FailedPutCount?: number } | undefined;
      if ((answer?.FailedPutCount ?? 0) > 0) return { ok: false, reason: "the stream refused the record" };
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        reason: error instanceof AwsError ? `${error.code}: ${error.message}` : String(error),
      };
    }
  }

  function deliver(accountId: string, region: string, event: Record<string, unknown>): void {
    for (const { rule, arn } of deps.events.matchingTargets(accountId, region, event)) {
      for (const target of rule.targets) {
        const at = deps.now();
        let outcome: { ok: boolean; reason?: string };
        if (target.Arn.startsWith("arn:aws:sqs:") || /^arn:[^:]+:sqs:/.test(target.Arn)) {
          outcome = deps.sqs.deliverFromService({
            queueArn: target.Arn,
            body: target.Input ?? JSON.stringify(event),
            principal: EVENT_PRINCIPAL,
            sourceArn: arn,
            sourceAccount: accountId,
            now: at,
          });
        } else if (/^arn:[^:]+:firehose:/.test(target.Arn)) {
          const problem = roleProblem(target, arn, accountId);
          outcome = problem ? { ok: false, reason: problem } : sendToFirehose(target.Arn, event);
        } else {
          outcome = { ok: false, reason: `targets of this kind are not simulated: ${target.Arn}` };
        }
        deps.events.recordDelivery(accountId, region, {
          at,
          rule: rule.name,
          target: target.Arn,
          ok: outcome.ok,
          ...(outcome.ok ? {} : { reason: outcome.reason ?? "failed" }),
        });
      }
    }
  }

  return {
    observe(call) {
      if (call.signingName !== "cognito-idp" || READ_ONLY.test(call.operation)) return;
      const { accountId, region } = call.ctx;
      if (!deps.cloudtrail.recordsManagementEvents(accountId, region, "cognito-idp.amazonaws.com")) return;
      const event = cloudTrailEvent(call, call.ctx.now());
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          try {
            deliver(accountId, region, event);
            deps.changed();
          } catch (error) {
            deps.log(
              `sandbox: event delivery failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        },
        Math.max(0, deps.delayMs()),
      );
      timer.unref();
      timers.add(timer);
    },
    pending: () => timers.size,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
