/**
 * `--seed fleet:N`: N pools for benchmarks, spread over the demo regions with a realistic mix of
 * tiers, threat-protection modes and configurations. Deterministic (seeded PRNG) and fast: a few
 * shared destinations per region, pools created through the ordinary operations.
 */
import { seededRandom } from "../core/ids.ts";
import type { LogConfiguration, SecurityMode, Tier } from "../services/cognito/index.ts";
import { DEMO_REGIONS, deliveryLogPolicy, seedContext } from "./context.ts";
import type { SeedServices } from "./demo.ts";
import { createDeliveryStream, createLogGroup, putLogResourcePolicy } from "./destinations.ts";

export const MAX_FLEET = 100_000;

function pickWeighted<T>(random: () => number, options: [T, number][]): T {
  let roll = random();
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = options.at(-1);
  if (!last) throw new Error("pickWeighted needs options");
  return last[0];
}

export function seedFleet(
  services: SeedServices,
  accountId: string,
  count: number,
  now = Date.now(),
): string[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_FLEET)
    throw new Error(`fleet size must be an integer from 0 to ${MAX_FLEET}`);
  const random = seededRandom(count + 1);
  const regions = [...DEMO_REGIONS];
  const shared = new Map<string, { notifications?: string; activity?: string; stream?: string }>();
  for (const region of regions) {
    const ctx = seedContext(region, accountId);
    const notificationsArn = createLogGroup(services, ctx, "/aws/vendedlogs/cognito/fleet/notifications", {
      retentionInDays: 30,
    });
    const activityArn = createLogGroup(services, ctx, "/aws/vendedlogs/cognito/fleet/activity", {
      retentionInDays: 30,
    });
    const stream = createDeliveryStream(services, ctx, "fleet-cognito-activity", { tagged: true });
    const arns = [notificationsArn, activityArn].filter((a): a is string => a !== undefined);
    if (arns.length)
      putLogResourcePolicy(
        services,
        ctx,
        "AWSLogDeliveryWrite20150319",
        deliveryLogPolicy(accountId, region, arns),
      );
    shared.set(region, {
      ...(notificationsArn ? { notifications: notificationsArn } : {}),
      ...(activityArn ? { activity: activityArn } : {}),
      ...(stream ? { stream } : {}),
    });
  }
  const apps = ["web", "mobile", "partner", "admin", "b2b", "iot", "kiosk", "api", "support", "loyalty"];
  for (let i = 0; i < count; i++) {
    // Two-thirds in the first region, like most fleets that grew from one home region.
    const region = random() < 0.67 ? regions[0] : regions[1];
    if (!region) continue;
    const created = now - Math.floor(random() * 720) * 86_400_000;
    const ctx = seedContext(region, accountId, () => created);
    const tier = pickWeighted<Tier>(random, [
      ["ESSENTIALS", 0.5],
      ["PLUS", 0.3],
      ["LITE", 0.2],
    ]);
    const mode =
      tier === "PLUS"
        ? pickWeighted<SecurityMode | undefined>(random, [
            ["ENFORCED", 0.45],
            ["AUDIT", 0.25],
            ["OFF", 0.15],
            [undefined, 0.15],
          ])
        : undefined;
    const name = `fleet-${String(i + 1).padStart(5, "0")}-${apps[i % apps.length] ?? "app"}`;
    const answer = services.cognito.operations.CreateUserPool?.(
      {
        PoolName: name,
        UserPoolTier: tier,
        ...(mode ? { UserPoolAddOns: { AdvancedSecurityMode: mode } } : {}),
      },
      ctx,
    ) as { UserPool: { Id: string } };
    const dest = shared.get(region) ?? {};
    const entries: LogConfiguration[] = [];
    if (dest.notifications && random() < 0.55) {
      entries.push({
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: dest.notifications },
      });
    }
    if (tier === "PLUS" && random() < 0.6) {
      const target =
        dest.stream && random() < 0.5
          ? { FirehoseConfiguration: { StreamArn: dest.stream } }
          : dest.activity
            ? { CloudWatchLogsConfiguration: { LogGroupArn: dest.activity } }
            : undefined;
      if (target) entries.push({ LogLevel: "INFO", EventSource: "userAuthEvents", ...target });
    }
    if (entries.length > 0) {
      services.cognito.operations.SetLogDeliveryConfiguration?.(
        { UserPoolId: answer.UserPool.Id, LogConfigurations: entries },
        ctx,
      );
    }
  }
  return regions;
}
