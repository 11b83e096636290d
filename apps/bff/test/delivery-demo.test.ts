import type { PoolDeliveryResponse } from "@clc/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { useDemoStack } from "./helpers.ts";

/**
 * Issue 15's demo: once the demo's traffic has run (one round of what the trickle emits, sent here
 * through /_sandbox/emit so no timer is waited on), the demo's pools show delivering, silent,
 * failing, idle and not-applicable sources, each with its reason.
 */
describe("delivery states in the demo", () => {
  const env = useDemoStack();
  const states = new Map<string, PoolDeliveryResponse>();

  beforeAll(async () => {
    for (const id of env.poolIds.values()) {
      const answer = await fetch(`${env.stack.sandbox.endpoint}/_sandbox/emit`, {
        method: "POST",
        body: JSON.stringify({ userPoolId: id, count: 5 }),
      });
      expect(answer.status).toBe(200);
    }
    for (const [name, id] of env.poolIds) {
      const answer = await env.stack.call("GET", `/api/pools/${id}/delivery`);
      expect(answer.status, answer.text).toBe(200);
      states.set(name, answer.json as PoolDeliveryResponse);
    }
  });

  const stateOf = (pool: string, source: "userAuthEvents" | "userNotification") =>
    states.get(pool)?.sources[source].state;

  it("shows every state, each on a pool whose setup explains it", () => {
    // A tagged stream to an HTTP endpoint, and vended log groups with the delivery policy.
    expect(stateOf("acme-prod-customers", "userAuthEvents")).toBe("delivering");
    expect(stateOf("acme-prod-customers", "userNotification")).toBe("delivering");
    expect(stateOf("acme-prod-partners", "userAuthEvents")).toBe("delivering");
    // A stream without the LogDeliveryEnabled tag: sign-ins, no records.
    expect(states.get("acme-eu-partners")?.sources.userAuthEvents).toMatchObject({
      state: "silent",
      reason: { id: "traffic-without-logs" },
    });
    // A stream whose archive bucket does not exist: Firehose reports failed S3 deliveries.
    expect(states.get("acme-eu-customers")?.sources.userAuthEvents).toMatchObject({
      state: "failing",
      stream: { metricPrefix: "DeliveryToS3" },
    });
    // Threat protection off on Plus; no Plus at all.
    expect(states.get("acme-mobile-app")?.sources.userAuthEvents.reason.id).toBe("threat-protection-off");
    expect(states.get("acme-staging")?.sources.userAuthEvents.reason.id).toBe("tier-not-plus");
    expect(states.get("acme-staging")?.plusPlan?.currentTier).toBe("ESSENTIALS");
    expect(stateOf("acme-legacy-portal", "userNotification")).toBe("not-configured");
  });
});
