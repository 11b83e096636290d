import type { AwsClients, CredentialProvider } from "./clients.ts";

/**
 * The clients of one member account: every call is signed with the role assumed for whoever makes
 * it, so CloudTrail names the operator (`clc-alice`) or the background fleet read (`clc-fleet`).
 * One client set per session name (each with its own AssumeRole credentials, cached and refreshed
 * by aws/sts-gateway.ts roleCredentials), the background one kept for good and at most
 * `maxSessions` operators' sets beside it, least recently used first out: no input grows the cache.
 */
export function createRoleClients(options: {
  /** The RoleSessionName of the call under way (features/accounts currentSessionName). */
  sessionName: () => string;
  /** The background session's name, whose clients are never evicted. */
  backgroundSession: string;
  /** Builds a session's clients over its credentials (aws/clients.ts createAwsClients). */
  create: (credentials: CredentialProvider, sessionName: string) => AwsClients;
  /** The session's credentials (STS AssumeRole). */
  credentials: (sessionName: string) => CredentialProvider;
  backgroundCallBudgetMs: number;
  maxSessions?: number;
}): AwsClients {
  const maxSessions = options.maxSessions ?? 8;
  const sessions = new Map<string, AwsClients>();
  function current(): AwsClients {
    const name = options.sessionName();
    const existing = sessions.get(name);
    if (existing) {
      sessions.delete(name);
      sessions.set(name, existing);
      return existing;
    }
    const clients = options.create(options.credentials(name), name);
    sessions.set(name, clients);
    let others = [...sessions.keys()].filter((k) => k !== options.backgroundSession).length;
    for (const [key, value] of sessions) {
      if (others <= maxSessions) break;
      if (key === options.backgroundSession) continue;
      sessions.delete(key);
      others -= 1;
      // In-flight calls finish: each cached client is destroyed only once its calls are done.
      setTimeout(() => value.destroy(), 60_000).unref();
    }
    return clients;
  }
  return {
    backgroundCallBudgetMs: options.backgroundCallBudgetMs,
    cognito: (region, purpose) => current().cognito(region, purpose),
    logs: (region, purpose) => current().logs(region, purpose),
    firehose: (region, purpose) => current().firehose(region, purpose),
    s3: (region, purpose) => current().s3(region, purpose),
    sts: (region) => current().sts(region),
    iam: (purpose) => current().iam(purpose),
    cloudwatch: (region) => current().cloudwatch(region),
    sqs: (region, purpose) => current().sqs(region, purpose),
    events: (region, purpose) => current().events(region, purpose),
    cloudtrail: (region) => current().cloudtrail(region),
    organizations: () => current().organizations(),
    account: () => current().account(),
    ec2: (region) => current().ec2(region),
    size: () => [...sessions.values()].reduce((n, c) => n + c.size(), 0),
    destroy() {
      for (const clients of sessions.values()) clients.destroy();
      sessions.clear();
    },
  };
}
