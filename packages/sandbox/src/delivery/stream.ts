/** A Firehose destination: the stream exists, is ACTIVE and DirectPut, and carries `LogDeliveryEnabled=true`. */
import { AwsError, type CallContext } from "../core/types.ts";
import { isObject } from "../services/shared/json.ts";
import type { ServiceCalls } from "./calls.ts";
import { type DeliveryReason, type ParsedArn, type Plan, reason } from "./model.ts";

export function planStream(calls: ServiceCalls, target: ParsedArn, base?: CallContext): Plan {
  const ctx = calls.contextFor(target.region, target.account, base);
  let description: Record<string, unknown>;
  try {
    const answer = calls.callJson(
      "firehose",
      "DescribeDeliveryStream",
      { DeliveryStreamName: target.name },
      ctx,
    );
    description = isObject(answer.DeliveryStreamDescription) ? answer.DeliveryStreamDescription : {};
  } catch (error) {
    if (error instanceof AwsError && error.code === "ResourceNotFoundException") {
      return {
        reasons: [
          reason("stream-missing", `Firehose stream ${target.name} does not exist in ${target.region}.`),
        ],
      };
    }
    throw error;
  }
  const reasons: DeliveryReason[] = [];
  if (description.DeliveryStreamStatus !== "ACTIVE") {
    reasons.push(
      reason(
        "stream-not-active",
        `Firehose stream ${target.name} is ${String(description.DeliveryStreamStatus)}, not ACTIVE.`,
      ),
    );
  }
  if (description.DeliveryStreamType !== "DirectPut") {
    reasons.push(
      reason(
        "stream-not-direct-put",
        `Firehose stream ${target.name} is ${String(description.DeliveryStreamType)}; log delivery needs DirectPut.`,
      ),
    );
  }
  const tags = calls.callJson(
    "firehose",
    "ListTagsForDeliveryStream",
    { DeliveryStreamName: target.name, Limit: 50 },
    ctx,
  );
  const tagged = (Array.isArray(tags.Tags) ? tags.Tags : []).some(
    (t) => isObject(t) && t.Key === "LogDeliveryEnabled" && t.Value === "true",
  );
  if (!tagged) {
    reasons.push(
      reason(
        "stream-tag-missing",
        `Firehose stream ${target.name} lacks the tag LogDeliveryEnabled=true, so the log delivery role may not write to it.`,
      ),
    );
  }
  if (reasons.length > 0) return { reasons };
  return {
    reasons,
    write(events) {
      const ids: string[] = [];
      for (let i = 0; i < events.length; i += 500) {
        const records = events
          .slice(i, i + 500)
          .map((e) => ({ Data: Buffer.from(`${JSON.stringify(e)}\n`).toString("base64") }));
        const answer = calls.callJson(
          "firehose",
          "PutRecordBatch",
          { DeliveryStreamName: target.name, Records: records },
          ctx,
        );
        for (const r of Array.isArray(answer.RequestResponses) ? answer.RequestResponses : []) {
          if (isObject(r) && typeof r.RecordId === "string") ids.push(r.RecordId);
        }
      }
      return ids;
    },
  };
}
