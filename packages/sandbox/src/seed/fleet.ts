/**
 * `--seed fleet:N`: N pools for benchmarks, spread over the demo regions with a realistic mix of
 * tiers, threat-protection modes and configurations. Deterministic (seeded PRNG) and fast: a few
 * shared destinations per region, pools created through the ordinary operations.
 */
import { seededRandom } from "../core/ids.ts";
import type { CallContext } from "../core/types.ts";
import type { LogConfiguration, SecurityMode, Tier } from "../services/cognito/index.ts";
import { DEMO_REGIONS, deliveryLogPolicy, seedContext } from "./context.ts";
import type { SeedServices } from "./demo.ts";
import { createDeliveryStream, createLogGroup, putLogResourcePolicy } from "./destinations.ts";

export const MAX_FLEET = 100_000;

export function pickWeighted<T>(random: () => number, options: [T, number][]): T {
  let roll = random();
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = options.at(-1);
  if (!last) throw new Error("pickWeighted needs options");
  return last[0];
}

/** The destinations a region's fleet pools share: two vended log groups (with the delivery policy) and a stream. */
export interface FleetDestinations {
  notifications?: string;
  activity?: string;
  stream?: string;
}

/** Creates the shared destinations of one account and region (seed context `ctx`). */
export function fleetDestinations(services: SeedServices, ctx: CallContext): FleetDestinations {
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
      deliveryLogPolicy(ctx.accountId, ctx.region, arns),
    );
  return {
    ...(notificationsArn ? { notifications: notificationsArn } : {}),
    ...(activityArn ? { activity: activityArn } : {}),
    ...(stream ? { stream } : {}),
  };
}

const APPS = ["web", "mobile", "partner", "admin", "b2b", "iot", "kiosk", "api", "support", "loyalty"];

/**
 * One fleet pool named `<prefix>-<index>-<app>` in the account and region of `region`'s context: a
 * realistic tier, threat-protection mode and log configuration drawn from `random`.
 */
export function createFleetPool(
  services: SeedServices,
  place: { region: string; accountId: string },
  index: number,
  random: () => number,
  dest: FleetDestinations,
  now: number,
  prefix = "fleet",
): void {
  const created = now - Math.floor(random() * 720) * 86_400_000;
  const ctx = seedContext(place.region, place.accountId, () => created);
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
  const name = `${prefix}-${String(index + 1).padStart(5, "0")}-${APPS[index % APPS.length] ?? "app"}`;
  const answer = services.cognito.operations.CreateUserPool?.(
    {
      PoolName: name,
      UserPoolTier: tier,
      ...(mode ? { UserPoolAddOns: { AdvancedSecurityMode: mode } } : {}),
    },
    ctx,
  ) as { UserPool: { Id: string } };
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
  const shared = new Map<string, FleetDestinations>();
  for (const region of regions)
    shared.set(region, fleetDestinations(services, seedContext(region, accountId)));
  for (let i = 0; i < count; i++) {
    // Two-thirds in the first region, like most fleets that grew from one home region.
    const region = random() < 0.67 ? regions[0] : regions[1];
    if (!region) continue;
    createFleetPool(services, { region, accountId }, i, random, shared.get(region) ?? {}, now);
  }
  return regions;
}
