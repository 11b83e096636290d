/**
 * Role sessions: the credentials STS AssumeRole issues and what they stand for. The core asks
 * `principalFor` on every call, so a call signed with a session's access key acts in the role's
 * account with the role's permissions; any key the sandbox did not issue is the sandbox's own user.
 */
import { randomBytes } from "node:crypto";
import { randomAlnum } from "../../core/ids.ts";
import type { Principal } from "../../core/types.ts";

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresMs: number;
  accountId: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
}

/** The sandbox's own user: what every key it did not issue signs as (GetCallerIdentity's answer before issue 14). */
export function basePrincipal(accountId: string): Principal {
  return { accountId, arn: `arn:aws:iam::${accountId}:user/sandbox`, userId: "AIDASANDBOXUSER000001" };
}

/** The principal a session's credentials sign as: `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
export function sessionPrincipal(session: SessionRecord): Principal {
  return {
    accountId: session.accountId,
    arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    userId: `${session.roleId}:${session.sessionName}`,
    role: { name: session.roleName, arn: session.roleArn },
  };
}

export class Sessions {
  private readonly byKey = new Map<string, SessionRecord>();

  /** New credentials: `ASIA` + 16 upper-case characters (AWS's temporary key form), a 40-character secret, a token. */
  issue(fields: Omit<SessionRecord, "accessKeyId" | "secretAccessKey" | "sessionToken">): SessionRecord {
    const session: SessionRecord = {
      ...fields,
      accessKeyId: `ASIA${randomAlnum(16).toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString("base64")}`,
    };
    this.byKey.set(session.accessKeyId, session);
    return session;
  }

  /**
   * Who signs with this access key at `nowMs`: the session's role, `"expired"` once its expiration
   * has passed, or undefined for a key the sandbox did not issue.
   */
  lookup(accessKeyId: string, nowMs: number): Principal | "expired" | undefined {
    const session = this.byKey.get(accessKeyId);
    if (!session) return undefined;
    return nowMs >= session.expiresMs ? "expired" : sessionPrincipal(session);
  }

  /** Live sessions only: an expired one answers nothing but ExpiredToken, so it need not survive a restart. */
  snapshot(nowMs: number): SessionRecord[] {
    return [...this.byKey.values()].filter((s) => s.expiresMs > nowMs);
  }

  restore(saved: unknown): void {
    if (!Array.isArray(saved)) throw new Error("sts snapshot: expected { sessions: [...] }");
    this.byKey.clear();
    for (const s of saved as SessionRecord[]) {
      if (
        typeof s?.accessKeyId !== "string" ||
        typeof s.accountId !== "string" ||
        typeof s.expiresMs !== "number"
      )
        throw new Error("sts snapshot: a session lacks accessKeyId, accountId or expiresMs");
      this.byKey.set(s.accessKeyId, s);
    }
  }
}

const ARN_AWS = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** A role ARN's account and name, or undefined when it is not a role ARN. */
export function parseRoleArn(arn: string): { accountId: string; name: string } | undefined {
  const m = ARN_AWS.exec(arn);
  return m?.[1] && m[2] ? { accountId: m[1], name: m[2] } : undefined;
}
