/**
 * The pool's own CloudWatch metrics for simulated user traffic (namespace AWS/Cognito, dimensions
 * UserPool and UserPoolClient; a value of 1 per successful request and 0 per failed one, as the
 * Cognito developer guide's "User pool metrics in CloudWatch" describes SignInSuccesses,
 * SignUpSuccesses and TokenRefreshSuccesses). Recorded whether or not the pool's logs arrive:
 * traffic happens in Cognito, delivery happens after it.
 */
import type { MetricRecorder } from "../services/cloudwatch/model.ts";

const METRIC_OF_EVENT: Record<string, string> = {
  SignIn: "SignInSuccesses",
  SignUp: "SignUpSuccesses",
  TokenRefresh: "TokenRefreshSuccesses",
};

/** One data point per user-activity event that a Cognito request metric counts (others, such as ForgotPassword, have none). */
export function recordTraffic(
  metrics: MetricRecorder | undefined,
  scope: { accountId: string; region: string },
  events: readonly Record<string, unknown>[],
): void {
  if (!metrics) return;
  for (const event of events) {
    const message = (event.message ?? {}) as Record<string, unknown>;
    const metricName = METRIC_OF_EVENT[String(message.eventType)];
    if (!metricName) continue;
    metrics.record(scope, {
      namespace: "AWS/Cognito",
      metricName,
      dimensions: { UserPool: String(message.userPoolId), UserPoolClient: String(message.clientId) },
      value: message.eventResponse === "Pass" ? 1 : 0,
      at: Number(event.eventTimestamp),
    });
  }
}
