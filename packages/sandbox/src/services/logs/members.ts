/**
 * Member shapes several CloudWatch Logs operations share (botocore `logs/2014-03-28`), and the tag
 * checks a shape cannot express.
 */
import { int, map, str } from "../../core/shapes.ts";
import { AwsError } from "../../core/types.ts";
import { constraintError } from "../shared/errors.ts";

export const logGroupName = str({ min: 1, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]+" });
export const logGroupIdentifier = str({ min: 1, max: 2048, pattern: "[\\w#+=/:,.@-]*" });
export const logStreamName = str({ min: 1, max: 512, pattern: "[^:*]*" });
export const nextToken = str({ min: 1 });
/** Stream and event operations name their log group by either member (exactly one, checked by `groupFromEither`). */
export const eitherGroup = { logGroupName, logGroupIdentifier };
/** Event reads' time window, epoch milliseconds. */
export const timeWindow = { startTime: int({ min: 0 }), endTime: int({ min: 0 }) };
export const tagMap = map(str({ min: 1, max: 128 }), str({ max: 256 }), { min: 1, max: 50 });
// The model's AmazonResourceName: no `*`, so a log group's `arn` with its `:*` suffix is refused.
export const resourceArn = str({ min: 1, max: 1011, pattern: "[\\w+=/:,.@-]*" });

/**
 * The model's tag patterns use \p{…} classes, checked with a Unicode regex; `aws:` keys are reserved.
 * Throws InvalidParameterException in AWS's constraint wording.
 */
export function checkTags(tags: Record<string, string> | undefined): void {
  if (!tags) return;
  const keyPattern = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u;
  const valuePattern = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
  for (const [key, value] of Object.entries(tags)) {
    if (!keyPattern.test(key)) {
      throw constraintError(
        "InvalidParameterException",
        key,
        "tags",
        "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$]",
      );
    }
    if (!valuePattern.test(value)) {
      throw constraintError(
        "InvalidParameterException",
        value,
        `tags.${key}.member`,
        "Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
      );
    }
    if (key.toLowerCase().startsWith("aws:")) {
      // Ours: AWS reserves the prefix; its exact text is not captured.
      throw new AwsError(
        "InvalidParameterException",
        `Tag keys beginning with 'aws:' are reserved for AWS use: ${key}`,
      );
    }
  }
}
