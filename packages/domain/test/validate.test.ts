import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateAwsLogConfigurations, validateConfiguration } from "../src/index.ts";
import { ACCOUNT, fh, lg, REGION, s3, validModel } from "./arbitraries.ts";

const plus = { tier: "PLUS", region: REGION, accountId: ACCOUNT } as const;
const essentials = { ...plus, tier: "ESSENTIALS" } as const;

describe("validateConfiguration", () => {
  it("accepts every configuration AWS accepts on a PLUS pool", () => {
    fc.assert(
      fc.property(validModel, (model) => {
        expect(validateConfiguration(model, plus)).toEqual([]);
      }),
    );
  });

  it("accepts an empty configuration on any tier", () => {
    expect(validateConfiguration({ userNotification: null, userAuthEvents: null }, { tier: "LITE" })).toEqual(
      [],
    );
  });

  it("keeps message-delivery errors to log groups", () => {
    expect(validateConfiguration({ userNotification: s3("bucket-x"), userAuthEvents: null }, plus)).toEqual([
      {
        path: "userNotification.destination.kind",
        message: "Message-delivery errors can only go to a CloudWatch log group.",
      },
    ]);
  });

  it("gates user activity on the Plus plan, naming the pool's tier", () => {
    expect(validateConfiguration({ userNotification: null, userAuthEvents: lg("/g") }, essentials)).toEqual([
      {
        path: "userAuthEvents",
        message: "User activity export needs the Plus plan; this pool is Essentials.",
      },
    ]);
    expect(
      validateConfiguration({ userNotification: null, userAuthEvents: lg("/g") }, { tier: "LITE" })[0]
        ?.message,
    ).toMatch(/this pool is Lite/);
  });

  it("does not refuse user activity on a LITE pool that kept threat protection (AWS decides; issue 12 §4)", () => {
    const desired = { userNotification: null, userAuthEvents: lg("/g") };
    for (const threatProtection of ["AUDIT", "ENFORCED"] as const) {
      expect(validateConfiguration(desired, { tier: "LITE", threatProtection })).toEqual([]);
    }
    expect(validateConfiguration(desired, { tier: "LITE", threatProtection: "OFF" })[0]?.message).toMatch(
      /this pool is Lite/,
    );
    // ESSENTIALS cannot run threat protection at all (AWS refuses it), so the tier error stands.
    expect(validateConfiguration(desired, { tier: "ESSENTIALS", threatProtection: "AUDIT" })).toHaveLength(1);
  });

  it("checks the ARN agrees with the chosen kind", () => {
    expect(
      validateConfiguration(
        { userNotification: null, userAuthEvents: { kind: "s3", arn: fh("x").arn } },
        plus,
      ),
    ).toEqual([
      {
        path: "userAuthEvents.destination.arn",
        message: "This is a Firehose stream ARN, but S3 bucket is selected.",
      },
    ]);
  });

  it("explains the :* trap on the ARN field", () => {
    const errors = validateConfiguration({ userNotification: lg("/g:*"), userAuthEvents: null }, plus);
    expect(errors).toEqual([
      {
        path: "userNotification.destination.arn",
        message: expect.stringMatching(/^Use the log group ARN without the trailing :\*/),
      },
    ]);
  });

  it("reports a destination in another account or region with AWS's reasons rephrased", () => {
    const errors = validateConfiguration(
      { userNotification: lg("/g", "ap-northeast-1", "999999999999"), userAuthEvents: fh("s", "eu-west-1") },
      plus,
    );
    expect(errors).toEqual([
      {
        path: "userNotification.destination.arn",
        message:
          "This CloudWatch log group is in account 999999999999, but the pool is in account 123456789012. This CloudWatch log group is in ap-northeast-1, but the pool is in us-east-1. Cognito only delivers logs to a CloudWatch log group in the pool's own account and region.",
      },
      {
        path: "userAuthEvents.destination.arn",
        message:
          "This Firehose stream is in eu-west-1, but the pool is in us-east-1. Cognito only delivers logs to a Firehose stream in the pool's own account and region.",
      },
    ]);
    // Without the pool's place, the check is skipped rather than guessed.
    expect(
      validateConfiguration(
        { userNotification: lg("/g", "ap-northeast-1"), userAuthEvents: null },
        { tier: "PLUS" },
      ),
    ).toEqual([]);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (desired, pool) => {
        const errors = validateConfiguration(desired as never, pool as never);
        expect(Array.isArray(errors)).toBe(true);
      }),
    );
  });

  it("reports a malformed destination on its field", () => {
    expect(
      validateConfiguration(
        { userNotification: "x", userAuthEvents: { kind: "sqs", arn: 3 } } as never,
        plus,
      ),
    ).toEqual([
      { path: "userNotification.destination", message: expect.any(String) },
      {
        path: "userAuthEvents.destination.kind",
        message: "Choose a CloudWatch log group, Firehose stream or S3 bucket.",
      },
      { path: "userAuthEvents.destination.arn", message: "Enter the destination's ARN." },
    ]);
  });
});

describe("validateAwsLogConfigurations", () => {
  it("turns list problems into field errors of the source", () => {
    expect(
      validateAwsLogConfigurations(
        [
          {
            LogLevel: "INFO",
            EventSource: "userNotification",
            CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
          },
          { LogLevel: "INFO", EventSource: "userAuthEvents" },
        ],
        plus,
      ),
    ).toEqual([
      {
        path: "userNotification",
        message: 'Message-delivery errors must be exported at level ERROR, not "INFO".',
      },
      {
        path: "userAuthEvents.destination",
        message: expect.stringMatching(/^User activity has no destination/),
      },
    ]);
  });
});
