import {
  type DestinationInfo,
  EVENT_SOURCES,
  type Finding,
  type LogDeliveryModel,
  type PoolFacts,
  type Severity,
  validateConfiguration,
} from "@clc/domain";

/** What is known of the destinations a configuration names (null: not configured or not looked up). */
export interface KnownDestinations {
  userNotification: DestinationInfo | null;
  userAuthEvents: DestinationInfo | null;
}

/**
 * The findings for a pool: the one place the BFF asks the domain to judge a configuration.
 * Until the domain's preflight lands, it reports the configuration's validation errors as blocking
 * findings and the threat-protection warning.
 */
export function assessPool(
  pool: PoolFacts,
  configuration: LogDeliveryModel,
  _destinations: KnownDestinations,
): Finding[] {
  const findings: Finding[] = validateConfiguration(configuration, pool).map((error) => ({
    id: "invalid-configuration",
    severity: "block",
    message: error.message,
    ...(eventSourceOfPath(error.path) ? { eventSource: eventSourceOfPath(error.path) } : {}),
  }));
  if (configuration.userAuthEvents && pool.tier === "PLUS" && pool.threatProtection === "OFF") {
    findings.push({
      id: "threat-protection-off",
      severity: "warn",
      eventSource: "userAuthEvents",
      message: "Threat protection is off, so AWS produces no user-activity logs.",
      fix: {
        action: "enable-threat-protection",
        label: "Turn on threat protection (audit)",
        target: pool.arn,
      },
    });
  }
  return findings;
}

function eventSourceOfPath(path: string) {
  return EVENT_SOURCES.find((source) => path === source || path.startsWith(`${source}.`));
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  if (findings.some((f) => f.severity === "block")) return "block";
  return findings.length > 0 ? "warn" : null;
}
