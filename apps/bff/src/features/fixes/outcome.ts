import { AwsCallError } from "../../aws/errors.ts";
import { type FailureKind, ServiceError } from "../../lib/errors.ts";
import type { WriteTrail } from "../audit/trail.ts";

export interface Outcome {
  changed: boolean;
  message: string;
  before: unknown;
  after: unknown;
  awsRequestId: string | null;
}

/**
 * AWS took a write, but reading the object back shows it is not what was sent, or it could not be
 * read back: the change is done (nothing to retry) and the audit records what AWS holds now, if known.
 */
export class UnverifiedWrite extends ServiceError {
  constructor(
    kind: FailureKind,
    slug: string,
    title: string,
    readonly after: unknown,
    readonly requestId: string | null,
    detail: string,
    hint: string,
  ) {
    super(kind, slug, title, { detail, hint });
  }
}

/** Nothing to do: the target already is as the fix would make it. */
export function unchanged(message: string, state: unknown): Outcome {
  return { changed: false, message, before: state, after: state, awsRequestId: null };
}

/** A write AWS accepted whose result could not be read back to check it. */
export function writeNotChecked(requestId: string | null, detail: string, hint: string): UnverifiedWrite {
  return new UnverifiedWrite(
    "aws-failed",
    "write-not-checked",
    "The change was sent but could not be checked",
    null,
    requestId,
    detail,
    hint,
  );
}

/** A write AWS accepted that reading back shows was not kept as sent; `after` is what AWS holds. */
export function writeNotKept(
  after: unknown,
  requestId: string | null,
  detail: string,
  hint: string,
): UnverifiedWrite {
  return new UnverifiedWrite(
    "aws-failed",
    "write-not-kept",
    "AWS did not keep what was sent",
    after,
    requestId,
    detail,
    hint,
  );
}

/**
 * Records the attempt, makes the change, records its outcome (an unverified write with what AWS
 * holds now, if known) and answers it; the trail is the request's (features/audit/trail.ts).
 */
export async function run(
  region: string,
  poolId: string,
  trail: WriteTrail,
  before: unknown,
  intended: unknown,
  change: () => Promise<Outcome>,
): Promise<Outcome> {
  const attemptId = await trail.attempt({ region, poolId, before, after: intended });
  try {
    const outcome = await change();
    await trail.outcome(attemptId, {
      region,
      poolId,
      ok: true,
      // The before its write replaced: read under the document's key, it holds what writes ahead
      // of this one added since the attempt's first look.
      before: outcome.before,
      after: outcome.after,
      error: null,
      awsRequestId: outcome.awsRequestId,
    });
    return outcome;
  } catch (error) {
    await trail.outcome(attemptId, {
      region,
      poolId,
      ok: false,
      after: error instanceof UnverifiedWrite ? error.after : null,
      error: error instanceof Error ? error.message : String(error),
      awsRequestId:
        error instanceof AwsCallError || error instanceof UnverifiedWrite ? error.requestId : null,
    });
    throw error;
  }
}
