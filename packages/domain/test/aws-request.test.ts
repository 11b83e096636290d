import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  awsSetLogDeliveryCheck,
  javaToStringLogConfiguration,
  validateAwsLogConfigurationsRequest,
} from "../src/index.ts";
import { ACCOUNT, fh, lg, REGION } from "./arbitraries.ts";

const POOL = "us-east-1_Abc123";

/** A log configuration sending message-delivery errors to the log group ARN given. */
const notificationsTo = (arn: string) => ({
  LogLevel: "ERROR",
  EventSource: "userNotification",
  CloudWatchLogsConfiguration: { LogGroupArn: arn },
});

function errorOf(body: unknown) {
  const result = validateAwsLogConfigurationsRequest(body);
  if (result.ok) throw new Error("expected a rejection");
  return result.error;
}

describe("validateAwsLogConfigurationsRequest", () => {
  it("passes a valid body and drops null elements", () => {
    const entry = {
      LogLevel: "ERROR",
      EventSource: "userNotification",
      CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
    };
    expect(
      validateAwsLogConfigurationsRequest({ UserPoolId: POOL, LogConfigurations: [null, entry] }),
    ).toEqual({
      ok: true,
      userPoolId: POOL,
      logConfigurations: [entry],
    });
  });

  it("answers SerializationException for the wrong JSON type", () => {
    for (const body of [
      "x",
      { UserPoolId: POOL, LogConfigurations: "nope" },
      { UserPoolId: POOL, LogConfigurations: [1, 2] },
      { UserPoolId: POOL, LogConfigurations: [{ LogLevel: 1 }] },
      { UserPoolId: POOL, LogConfigurations: [{ S3Configuration: "arn" }] },
      { UserPoolId: 5, LogConfigurations: [] },
    ]) {
      expect(errorOf(body).code).toBe("SerializationException");
    }
  });

  it("collects model-constraint items with 1-based paths", () => {
    expect(
      errorOf({
        UserPoolId: POOL,
        LogConfigurations: [
          notificationsTo(lg("/g").arn),
          { EventSource: "userAuth", S3Configuration: { BucketArn: "arn:aws:s3:::b" } },
        ],
      }),
    ).toEqual({
      code: "InvalidParameterException",
      message:
        "2 validation errors detected: Value null at 'logConfigurations.2.member.logLevel' failed to satisfy constraint: Member must not be null; Value 'userAuth' at 'logConfigurations.2.member.eventSource' failed to satisfy constraint: Member must satisfy enum value set: [userAuthEvents, userNotification]",
    });
  });

  it("checks ARN patterns and lengths (the :* form fails)", () => {
    const arn = `${lg("/g").arn}:*`;
    expect(
      errorOf({
        UserPoolId: POOL,
        LogConfigurations: [notificationsTo(arn)],
      }).message,
    ).toBe(
      `1 validation error detected: Value '${arn}' at 'logConfigurations.1.member.cloudWatchLogsConfiguration.logGroupArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?`,
    );
    expect(
      errorOf({
        UserPoolId: POOL,
        LogConfigurations: [
          { LogLevel: "INFO", EventSource: "userAuthEvents", S3Configuration: { BucketArn: "ab" } },
        ],
      }).message,
    ).toMatch(
      /^2 validation errors detected: .*regular expression pattern.*; Value 'ab' at .*length greater than or equal to 3$/,
    );
  });

  it("checks the pool id", () => {
    expect(errorOf({ LogConfigurations: [] }).message).toBe(
      "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
    );
    expect(errorOf({ UserPoolId: "nope", LogConfigurations: [] }).message).toMatch(
      /Value 'nope' at 'userPoolId'/,
    );
  });

  it("prints entries like Java's toString", () => {
    expect(
      javaToStringLogConfiguration({
        LogLevel: "INFO",
        EventSource: "userAuthEvents",
        FirehoseConfiguration: {},
      }),
    ).toBe(
      "LogConfigurationType(logLevel=INFO, eventSource=userAuthEvents, cloudWatchLogsConfiguration=null, s3Configuration=null, firehoseConfiguration=FirehoseConfigurationType(streamArn=null))",
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expect(typeof validateAwsLogConfigurationsRequest(body).ok).toBe("boolean");
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 4 }), (list) => {
        expect(
          typeof validateAwsLogConfigurationsRequest({ UserPoolId: POOL, LogConfigurations: list }).ok,
        ).toBe("boolean");
      }),
    );
  });
});

describe("awsSetLogDeliveryCheck", () => {
  const pool = { tier: "PLUS", region: REGION, accountId: ACCOUNT } as const;

  it("accepts a valid list", () => {
    expect(
      awsSetLogDeliveryCheck(
        [
          {
            LogLevel: "INFO",
            EventSource: "userAuthEvents",
            FirehoseConfiguration: { StreamArn: fh("s").arn },
          },
        ],
        pool,
      ),
    ).toBeNull();
  });

  it("names each source once per clause and uses our text for the uncaptured rules", () => {
    const noDest = { LogLevel: "ERROR", EventSource: "userNotification" };
    expect(awsSetLogDeliveryCheck([noDest, noDest, noDest], pool)?.message).toBe(
      "Request validation Failed. Following event sources in request have no destination: [userNotification]. Following event sources appear more then once in a request: [userNotification].",
    );
    expect(
      awsSetLogDeliveryCheck(
        [
          {
            LogLevel: "ERROR",
            EventSource: "userNotification",
            FirehoseConfiguration: { StreamArn: fh("s").arn },
          },
        ],
        pool,
      )?.message,
    ).toMatch(/unsupported destination type: \[userNotification\]/);
  });

  it("applies the tier gate before the destination checks", () => {
    expect(
      awsSetLogDeliveryCheck([{ LogLevel: "INFO", EventSource: "userAuthEvents" }], {
        ...pool,
        tier: "LITE",
      }),
    ).toEqual({
      code: "FeatureUnavailableInTierException",
      message: "The following feature is not available for the LITE pricing tier configured: Log Streaming",
    });
  });
});

describe("awsSetLogDeliveryCheck on unvalidated input", () => {
  it("does not throw on entries with unknown sources", () => {
    expect(() =>
      awsSetLogDeliveryCheck(
        [
          { EventSource: "nope", LogLevel: "X", S3Configuration: { BucketArn: "arn:aws:s3:::b" } },
          { EventSource: 3 } as never,
        ],
        {
          tier: "PLUS",
          region: REGION,
          accountId: ACCOUNT,
        },
      ),
    ).not.toThrow();
  });
});
