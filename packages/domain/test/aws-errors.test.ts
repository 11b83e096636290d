import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  awsSetLogDeliveryCheck,
  translateAwsError,
  validateAwsLogConfigurationsRequest,
} from "../src/index.ts";
import { ACCOUNT, fh, lg, REGION } from "./arbitraries.ts";

const notification = {
  LogLevel: "ERROR",
  EventSource: "userNotification",
  CloudWatchLogsConfiguration: { LogGroupArn: lg("/g").arn },
};
const activity = {
  LogLevel: "INFO",
  EventSource: "userAuthEvents",
  FirehoseConfiguration: { StreamArn: fh("s").arn },
};

describe("translateAwsError", () => {
  it("maps model-constraint paths back to the event source of that list entry", () => {
    const result = translateAwsError(
      {
        code: "InvalidParameterException",
        message:
          "2 validation errors detected: Value 'TRACE' at 'logConfigurations.2.member.logLevel' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, INFO]; Value null at 'logConfigurations.1.member.logLevel' failed to satisfy constraint: Member must not be null",
      },
      [notification, { ...activity, LogLevel: "TRACE" }],
    );
    expect(result.errors).toEqual([
      {
        path: "userAuthEvents",
        message: "User activity: AWS did not accept the log level 'TRACE'; it must be INFO.",
      },
      {
        path: "userNotification",
        message: "Message-delivery errors: AWS did not accept the log level (missing); it must be ERROR.",
      },
    ]);
    expect(result.detail).toContain("logConfigurations.2.member.logLevel");
  });

  it("explains a rejected ARN on the ARN field, including the :* trap", () => {
    const arn = `${lg("/g").arn}:*`;
    const sent = [{ ...notification, CloudWatchLogsConfiguration: { LogGroupArn: arn } }];
    const check = validateAwsLogConfigurationsRequest({
      UserPoolId: "us-east-1_A1",
      LogConfigurations: sent,
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const { errors } = translateAwsError(check.error, sent);
    expect(errors).toEqual([
      {
        path: "userNotification.destination.arn",
        message: expect.stringMatching(/^Use the log group ARN without the trailing :\*/),
      },
    ]);
  });

  it("translates the too-many-entries and missing-list items, whose values contain commas", () => {
    const sent = [notification, activity, notification];
    const check = validateAwsLogConfigurationsRequest({
      UserPoolId: "us-east-1_A1",
      LogConfigurations: sent,
    });
    if (check.ok) throw new Error("expected a rejection");
    expect(translateAwsError(check.error, sent).errors).toEqual([
      { path: "", message: "AWS accepts at most one destination per event source (two entries in all)." },
    ]);
    expect(
      translateAwsError({
        code: "InvalidParameterException",
        message:
          "1 validation error detected: Value null at 'logConfigurations' failed to satisfy constraint: Member must not be null",
      }).errors,
    ).toEqual([{ path: "", message: "The request had no list of log configurations." }]);
  });

  it("translates the tier gate", () => {
    expect(
      translateAwsError({
        code: "FeatureUnavailableInTierException",
        message:
          "The following feature is not available for the ESSENTIALS pricing tier configured: Log Streaming",
      }).errors,
    ).toEqual([
      {
        path: "userAuthEvents",
        message: "User activity export needs the Plus plan; this pool is Essentials.",
      },
    ]);
    expect(
      translateAwsError({
        code: "FeatureUnavailableInTierException",
        message:
          "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
      }).errors[0]?.path,
    ).toBe("threatProtection");
  });

  it("translates request-validation clauses to each source named", () => {
    const result = translateAwsError({
      code: "InvalidParameterException",
      message:
        "Request validation Failed. Following event sources in request have no destination: [userNotification, userAuthEvents]. Following event sources appear more then once in a request: [userNotification].",
    });
    expect(result.errors.map((e) => e.path)).toEqual([
      "userNotification.destination",
      "userAuthEvents.destination",
      "userNotification",
    ]);
  });

  it("maps a foreign-ARN entry to every source that used that ARN", () => {
    const foreign = lg("/pf/probe", "ap-northeast-1", "999999999999").arn;
    const sent = [
      { ...notification, CloudWatchLogsConfiguration: { LogGroupArn: foreign } },
      {
        LogLevel: "INFO",
        EventSource: "userAuthEvents",
        CloudWatchLogsConfiguration: { LogGroupArn: foreign },
      },
    ];
    const result = translateAwsError(
      {
        code: "InvalidParameterException",
        message: `Request validation Failed. [CloudWatch log group arn ${foreign} failed with the following validation errors: ARN does not belong to invoking account. ARN does not belong to current region. ]`,
      },
      sent,
    );
    const text =
      "This CloudWatch log group is in another AWS account than the pool. This CloudWatch log group is in another region than the pool. Cognito only delivers logs to resources in the pool's own account and region.";
    expect(result.errors).toEqual([
      { path: "userNotification.destination.arn", message: text },
      { path: "userAuthEvents.destination.arn", message: text },
    ]);
  });

  it("translates the console's own request-validation clauses (sandbox answers)", () => {
    const sent = [
      {
        ...notification,
        LogLevel: "INFO",
        S3Configuration: { BucketArn: "arn:aws:s3:::b-x" },
        CloudWatchLogsConfiguration: undefined,
      },
    ];
    const answer = awsSetLogDeliveryCheck(sent, { tier: "PLUS", region: REGION, accountId: ACCOUNT });
    expect(answer).not.toBeNull();
    if (!answer) return;
    expect(translateAwsError(answer, sent).errors.map((e) => e.path)).toEqual([
      "userNotification",
      "userNotification.destination.kind",
    ]);
  });

  it("explains pool, throttling and permission errors with hints", () => {
    expect(
      translateAwsError({
        code: "ResourceNotFoundException",
        message: "User pool us-east-1_Z does not exist.",
      }),
    ).toMatchObject({
      errors: [{ path: "pool" }],
      hint: expect.stringMatching(/refresh/),
    });
    expect(translateAwsError({ code: "TooManyRequestsException", message: "Rate exceeded" }).hint).toMatch(
      /Wait/,
    );
    expect(
      translateAwsError({
        code: "AccessDeniedException",
        message:
          "User: arn:aws:sts::123456789012:assumed-role/console/x is not authorized to perform: logs:CreateLogDelivery on resource: *",
      }).hint,
    ).toBe("The console's IAM role lacks logs:CreateLogDelivery. Add it to the role's policy and try again.");
  });

  it("keeps unknown messages verbatim and never throws", () => {
    expect(translateAwsError({ code: "Weird", message: "Something new" })).toEqual({
      errors: [],
      detail: "Weird: Something new",
    });
    expect(translateAwsError({ code: "InvalidParameterException", message: "Odd text" })).toEqual({
      errors: [],
      detail: "InvalidParameterException: Odd text",
    });
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.anything(), (code, message, sent) => {
        const result = translateAwsError({ code, message } as never, sent as never);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const result = translateAwsError({
          code: "InvalidParameterException",
          message: `1 validation error detected: ${tail}`,
        });
        expect(Array.isArray(result.errors)).toBe(true);
      }),
    );
  });
});
