/**
 * Runs every SetLogDeliveryConfiguration case of the shared conformance file through the domain's
 * validation: the domain must reject what AWS rejects and accept what AWS accepts, with AWS's exact
 * message where the file gives one.
 */
import { type ConformanceCall, initialVars, loadConformance, substitute } from "@clc/conformance";
import { describe, expect, it } from "vitest";
import {
  awsSetLogDeliveryCheck,
  POOL_TIERS,
  type PoolTier,
  translateAwsError,
  validateAwsLogConfigurations,
  validateAwsLogConfigurationsRequest,
} from "../src/index.ts";

const file = loadConformance();
const { account, region } = file.defaults;

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** Plausible values for what the setup saves, in the caller's account and region. */
function savedValues(setup: ConformanceCall[]): Record<string, string> {
  const vars = initialVars(file);
  for (const call of setup) {
    const body = record(call.body);
    for (const name of Object.keys(call.save ?? {})) {
      if (call.action === "CreateUserPool") vars[name] = `${region}_Conform${name}`;
      else if (call.action === "DescribeLogGroups") {
        vars[name] = `arn:aws:logs:${region}:${account}:log-group:${String(body.logGroupNamePrefix)}`;
      } else if (call.action === "CreateDeliveryStream") {
        vars[name] =
          `arn:aws:firehose:${region}:${account}:deliverystream/${String(body.DeliveryStreamName)}`;
      } else throw new Error(`No plausible value for ${name} saved by ${call.action}`);
    }
  }
  return vars;
}

function poolTier(setup: ConformanceCall[]): PoolTier {
  const create = setup.find((call) => call.action === "CreateUserPool");
  const tier = record(create?.body).UserPoolTier;
  return (POOL_TIERS as readonly unknown[]).includes(tier) ? (tier as PoolTier) : "ESSENTIALS";
}

const setCalls = file.cases.flatMap((c) =>
  [
    { call: c.call, expect: c.expect, label: c.id },
    ...(c.then ?? []).map((t, i) => ({ ...t, label: `${c.id} then#${i + 1}` })),
  ]
    .filter((step) => step.call.action === "SetLogDeliveryConfiguration")
    .map((step) => ({ ...step, setup: c.setup })),
);

describe("conformance: SetLogDeliveryConfiguration", () => {
  it("finds the Set cases in the shared file", () => {
    expect(setCalls.length).toBeGreaterThanOrEqual(15);
  });

  it.each(setCalls)("$label", ({ call, expect: expected, setup }) => {
    const vars = savedValues(setup);
    const body = substitute(call.body, vars);
    const want = substitute(expected, vars);
    const tier = poolTier(setup);

    const request = validateAwsLogConfigurationsRequest(body);
    const fieldErrors = request.ok
      ? validateAwsLogConfigurations(request.logConfigurations, { tier, region, accountId: account })
      : [];
    const awsAnswer = request.ok
      ? awsSetLogDeliveryCheck(request.logConfigurations, { tier, region, accountId: account })
      : request.error;

    const rejected = !request.ok || fieldErrors.length > 0;
    expect(rejected).toBe(want.status === 400);
    // The AWS-style answer agrees with the user-facing validation.
    expect(awsAnswer !== null).toBe(rejected);
    if (want.error) {
      expect(awsAnswer?.code).toBe(want.error.code);
      if (want.error.message !== undefined) expect(awsAnswer?.message).toBe(want.error.message);
    }
    // Every AWS rejection we can reproduce also translates into at least one field error.
    if (awsAnswer && awsAnswer.code !== "SerializationException") {
      const sent = Array.isArray(record(body).LogConfigurations)
        ? (record(body).LogConfigurations as unknown[])
        : [];
      expect(translateAwsError(awsAnswer, sent).errors.length).toBeGreaterThan(0);
    }
  });
});
