import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AwsLogDeliveryConfigurationResponseSchema,
  canonicalConfiguration,
  fromAwsLogConfigurations,
  toAwsLogConfigurations,
} from "../src/index.ts";
import { anyModel, fh, lg, s3 } from "./arbitraries.ts";

describe("toAwsLogConfigurations", () => {
  it("gives each source its level and one destination member, userNotification first", () => {
    expect(toAwsLogConfigurations({ userAuthEvents: s3("bkt"), userNotification: lg("/g") })).toEqual([
      {
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
      },
      { LogLevel: "INFO", EventSource: "userAuthEvents", S3Configuration: { BucketArn: "arn:aws:s3:::bkt" } },
    ]);
    expect(toAwsLogConfigurations({ userNotification: null, userAuthEvents: fh("s") })).toEqual([
      { LogLevel: "INFO", EventSource: "userAuthEvents", FirehoseConfiguration: { StreamArn: fh("s").arn } },
    ]);
    expect(toAwsLogConfigurations({ userNotification: null, userAuthEvents: null })).toEqual([]);
  });
});

describe("fromAwsLogConfigurations", () => {
  it("round-trips any model", () => {
    fc.assert(
      fc.property(anyModel, (model) => {
        const back = fromAwsLogConfigurations(toAwsLogConfigurations(model));
        expect(back.model).toEqual(model);
        expect(back.problems).toEqual([]);
      }),
    );
  });

  it("does not depend on list order", () => {
    fc.assert(
      fc.property(anyModel, (model) => {
        const reversed = toAwsLogConfigurations(model).reverse();
        expect(fromAwsLogConfigurations(reversed).model).toEqual(model);
      }),
    );
  });

  it("accepts an absent list, drops nulls and ignores unknown members", () => {
    expect(fromAwsLogConfigurations(undefined)).toEqual({
      model: { userNotification: null, userAuthEvents: null },
      problems: [],
    });
    const result = fromAwsLogConfigurations([
      null,
      {
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn, Extra: 1 },
        NewMember: "x",
      },
    ]);
    expect(result).toEqual({ model: { userNotification: lg("/g"), userAuthEvents: null }, problems: [] });
  });

  it("reports entries it cannot place instead of throwing", () => {
    const result = fromAwsLogConfigurations([
      42,
      { LogLevel: "INFO", EventSource: "somethingNew", S3Configuration: { BucketArn: "arn:aws:s3:::b" } },
      { LogLevel: "INFO", EventSource: "userAuthEvents" },
      {
        LogLevel: "INFO",
        EventSource: "userAuthEvents",
        S3Configuration: { BucketArn: "arn:aws:s3:::b" },
      },
      {
        LogLevel: "INFO",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
      },
      {
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: lg("/h").arn },
      },
    ]);
    expect(result.problems.map((p) => [p.index, p.eventSource, p.reason])).toEqual([
      [0, null, "not-an-object"],
      [1, null, "unknown-event-source"],
      [2, "userAuthEvents", "no-destination"],
      [3, "userAuthEvents", "duplicate-event-source"],
      [4, "userNotification", "wrong-level"],
      [5, "userNotification", "duplicate-event-source"],
    ]);
    // Wrong level is still shown (the destination is real); the first entry per source wins.
    expect(result.model).toEqual({ userNotification: lg("/g"), userAuthEvents: null });
  });

  it("reports an entry with two destinations", () => {
    const result = fromAwsLogConfigurations([
      {
        LogLevel: "INFO",
        EventSource: "userAuthEvents",
        CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
        S3Configuration: { BucketArn: "arn:aws:s3:::b" },
      },
    ]);
    expect(result.problems[0]?.reason).toBe("several-destinations");
    expect(result.model.userAuthEvents).toBeNull();
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = fromAwsLogConfigurations(value);
        expect(result.model).toBeDefined();
      }),
    );
  });
});

describe("AwsLogDeliveryConfigurationResponseSchema", () => {
  it("accepts AWS answers with an absent list, null elements and extra members", () => {
    expect(
      AwsLogDeliveryConfigurationResponseSchema.safeParse({ LogDeliveryConfiguration: { UserPoolId: "p_1" } })
        .success,
    ).toBe(true);
    const parsed = AwsLogDeliveryConfigurationResponseSchema.parse({
      LogDeliveryConfiguration: {
        LogConfigurations: [null, { LogLevel: "ERROR", EventSource: "x", Other: true }],
      },
    });
    expect(parsed.LogDeliveryConfiguration?.LogConfigurations?.[1]).toMatchObject({ Other: true });
    expect(
      AwsLogDeliveryConfigurationResponseSchema.safeParse({
        LogDeliveryConfiguration: { LogConfigurations: "x" },
      }).success,
    ).toBe(false);
  });
});

describe("canonicalConfiguration", () => {
  it("is the same for the same set, whatever order AWS answered in", () => {
    fc.assert(
      fc.property(anyModel, (model) => {
        const shuffled = fromAwsLogConfigurations(toAwsLogConfigurations(model).reverse()).model;
        expect(canonicalConfiguration(shuffled)).toBe(canonicalConfiguration(model));
      }),
    );
  });

  it("differs when the configuration differs", () => {
    fc.assert(
      fc.property(anyModel, anyModel, (a, b) => {
        const equal = JSON.stringify(toAwsLogConfigurations(a)) === JSON.stringify(toAwsLogConfigurations(b));
        expect(canonicalConfiguration(a) === canonicalConfiguration(b)).toBe(equal);
      }),
    );
  });
});
