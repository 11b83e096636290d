import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients, AwsCredentials, CredentialProvider } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const AssumeRoleSchema = z.object({
  Credentials: z.object({
    AccessKeyId: z.string().min(1),
    SecretAccessKey: z.string().min(1),
    SessionToken: z.string().min(1),
    Expiration: z.date(),
  }),
});

const CallerIdentitySchema = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().optional(),
});

/** Who the credentials are: the account, and the principal's ARN (an assumed role's session ARN). */
export interface CallerIdentity {
  account: string;
  arn: string | null;
}

/** One member account's role, as AssumeRole takes it. */
export interface RoleToAssume {
  roleArn: string;
  /** STS ExternalId (the member role's trust policy condition `sts:ExternalId`); null: none sent. */
  externalId: string | null;
  /** RoleSessionName, `[\w+=,.@-]{2,64}` (domain roleSessionName): CloudTrail shows it. */
  sessionName: string;
}

/**
 * Credentials are renewed this long before they expire, as the SDK's own clients do (their
 * identity memoization refreshes within 5 minutes of `expiration`): a call signed just before the
 * end would otherwise reach AWS with expired keys.
 */
export const CREDENTIALS_REFRESH_MS = 5 * 60_000;

/** AssumeRole's DurationSeconds: one hour, the default and what any role's MaxSessionDuration allows. */
const SESSION_SECONDS = 3600;

export interface StsGateway {
  /** The account the console's credentials belong to. */
  callerAccount(region: string, deadline?: Deadline): Promise<string>;
  /** The account and ARN of the console's credentials (the partition comes from the ARN). */
  callerIdentity(region: string, deadline?: Deadline): Promise<CallerIdentity>;
  /**
   * A credential provider of `role` (STS AssumeRole with the console's own credentials): the first
   * call assumes the role, later calls answer the same credentials until 5 minutes before they
   * expire, then assume again; concurrent calls share one AssumeRole; a failure is not remembered.
   * Throws AwsCallError (`sts.AssumeRole`): AccessDenied when the role is missing, its trust policy
   * does not name the console, or the external id is wrong (AWS does not say which).
   */
  roleCredentials(role: RoleToAssume, region: string): CredentialProvider;
}

/**
 * Caches the credentials a provider answers until `refreshMs` before their expiration; concurrent
 * callers share one call; a failure is not kept, so the next call tries again.
 */
export function memoizeCredentials(
  provider: CredentialProvider,
  refreshMs: number,
  now: () => number = Date.now,
): CredentialProvider {
  let current: { credentials: AwsCredentials } | null = null;
  let pending: Promise<AwsCredentials> | null = null;
  return async () => {
    const expiration = current?.credentials.expiration?.getTime();
    if (current && (expiration === undefined || expiration - refreshMs > now())) return current.credentials;
    if (!pending) {
      const started = provider().then(
        (credentials) => {
          current = { credentials };
          pending = null;
          return credentials;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      pending = started;
    }
    return pending;
  };
}

/** A call without the user request's deadline gets the clients' background budget of its own. */
export function createStsGateway(clients: AwsClients): StsGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  async function callerIdentity(region: string, deadline?: Deadline): Promise<CallerIdentity> {
    const command = new GetCallerIdentityCommand({});
    const { answer } = await send(
      "sts.GetCallerIdentity",
      clients.sts(region),
      command,
      deadline,
      CallerIdentitySchema,
    );
    return { account: answer.Account, arn: answer.Arn ?? null };
  }
  return {
    async callerAccount(region, deadline) {
      return (await callerIdentity(region, deadline)).account;
    },
    callerIdentity,
    roleCredentials(role, region) {
      // AssumeRole through the console's own STS client, one for every role: the SDK's
      // fromTemporaryCredentials built an STS client per role session (and read the shared config
      // files for its region), which cost the first read of every account of a 20-account
      // organization (issue 14's org bench). The memo keeps one session per role and session name.
      const input = {
        RoleArn: role.roleArn,
        RoleSessionName: role.sessionName,
        DurationSeconds: SESSION_SECONDS,
        ...(role.externalId !== null ? { ExternalId: role.externalId } : {}),
      };
      // Errors leave as AwsCallError (`sts.AssumeRole`), bounded by a background budget of their own.
      // A command per call: its input is how the call's abort signal is found (sdk-context.ts), and a
      // refresh may start while an abandoned one is still in its backoff.
      const provider: CredentialProvider = async () => {
        const { answer } = await send(
          "sts.AssumeRole",
          clients.sts(region),
          new AssumeRoleCommand({ ...input }),
          undefined,
          AssumeRoleSchema,
        );
        const credentials = answer.Credentials;
        return {
          accessKeyId: credentials.AccessKeyId,
          secretAccessKey: credentials.SecretAccessKey,
          sessionToken: credentials.SessionToken,
          expiration: credentials.Expiration,
        };
      };
      return memoizeCredentials(provider, CREDENTIALS_REFRESH_MS);
    },
  };
}
