/**
 * STS (awsQuery): GetCallerIdentity (who the credentials are) and AssumeRole (credentials for a role
 * of another account, issue 14). Shapes and limits from the STS API model (botocore `sts/2011-06-15`,
 * the SDK v3 client-sts): RoleSessionName 2–64 of `[\w+=,.@-]*`, ExternalId 2–1224 of
 * `[\w+=,.@:/-]*`, DurationSeconds 900–43200 (default 3600) and at most the role's MaxSessionDuration.
 */
import { int, queryOperation, required, str, struct } from "../../core/shapes.ts";
import {
  AwsError,
  type CallContext,
  type Principal,
  type QueryService,
  type StatefulService,
} from "../../core/types.ts";
import type { IamService } from "../iam/index.ts";
import { basePrincipal, parseRoleArn, Sessions } from "./sessions.ts";
import { trustAllows } from "./trust.ts";

export { basePrincipal } from "./sessions.ts";

export const AssumeRoleRequest = struct("AssumeRoleRequest", {
  RoleArn: required(str({ min: 20, max: 2048 })),
  RoleSessionName: required(str({ min: 2, max: 64, pattern: "[\\w+=,.@-]*" })),
  DurationSeconds: int({ min: 900, max: 43200 }),
  ExternalId: str({ min: 2, max: 1224, pattern: "[\\w+=,.@:\\/-]*" }),
  Policy: str({ min: 1, max: 2048 }),
});

/** STS as the core asks it: who signs with an access key. */
export interface StsService extends QueryService, StatefulService {
  /**
   * The principal of a call signed with `accessKeyId` at `nowMs`: a live role session's, `"expired"`
   * for a session past its expiration, or the sandbox's own user for any key it did not issue.
   */
  principalFor(accessKeyId: string, nowMs: number): Principal | "expired";
}

/** AWS's AccessDenied for an AssumeRole the trust policy (or a missing role) refuses. */
export function assumeRoleDenied(caller: Principal, roleArn: string): AwsError {
  return new AwsError(
    "AccessDenied",
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}

export function createStsService(
  options: {
    /** The sandbox's own account (default 123456789012). */
    baseAccountId?: string;
    /** Where AssumeRole finds roles; without it no role exists. */
    iam?: () => IamService;
    now?: () => number;
  } = {},
): StsService {
  const baseAccountId = options.baseAccountId ?? "123456789012";
  const sessions = new Sessions();
  const now = options.now ?? Date.now;
  const callerOf = (ctx: CallContext) => ctx.principal ?? basePrincipal(ctx.accountId);

  return {
    signingName: "sts",
    xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
    operations: {
      // No permission is needed to call it (STS API reference), so a session denied everything still can.
      GetCallerIdentity(_params, ctx) {
        const caller = callerOf(ctx);
        return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
      },
      AssumeRole: queryOperation(AssumeRoleRequest, (input, ctx) => {
        const caller = callerOf(ctx);
        const target = parseRoleArn(input.RoleArn);
        if (!target) {
          // Ours: AWS's text for an ARN that is not a role's is not captured.
          throw new AwsError("ValidationError", `${input.RoleArn} is not a valid role ARN.`);
        }
        const role = options.iam?.().role(target.accountId, target.name);
        const roleArn = role ? `arn:aws:iam::${role.accountId}:role${role.path}${role.name}` : undefined;
        if (
          !role ||
          roleArn !== input.RoleArn ||
          !trustAllows(role.assumeRolePolicyDocument, caller, input.ExternalId)
        ) {
          throw assumeRoleDenied(caller, input.RoleArn);
        }
        const duration = input.DurationSeconds ?? 3600;
        if (caller.role && duration > 3600) {
          throw new AwsError(
            "ValidationError",
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
          );
        }
        if (duration > role.maxSessionDuration) {
          throw new AwsError(
            "ValidationError",
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
          );
        }
        const session = sessions.issue({
          expiresMs: Math.floor(now() / 1000) * 1000 + duration * 1000,
          accountId: role.accountId,
          roleName: role.name,
          roleArn,
          roleId: role.id,
          sessionName: input.RoleSessionName,
        });
        ctx.changed();
        return {
          Credentials: {
            AccessKeyId: session.accessKeyId,
            SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken,
            Expiration: new Date(session.expiresMs),
          },
          AssumedRoleUser: {
            AssumedRoleId: `${role.id}:${session.sessionName}`,
            Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session.sessionName}`,
          },
        };
      }),
    },
    principalFor(accessKeyId, nowMs) {
      return sessions.lookup(accessKeyId, nowMs) ?? basePrincipal(baseAccountId);
    },
    snapshot: () => ({ sessions: sessions.snapshot(now()) }),
    restore(snapshot) {
      sessions.restore((snapshot as { sessions?: unknown } | null)?.sessions);
    },
  };
}
