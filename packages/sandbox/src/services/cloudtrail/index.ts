/**
 * AWS CloudTrail trails (awsJson1_1, `CloudTrail_20131101.<Op>`): CreateTrail, DescribeTrails,
 * GetTrailStatus, StartLogging, StopLogging, GetEventSelectors, PutEventSelectors, DeleteTrail; and
 * `recordsManagementEvents`, the question the sandbox's EventBridge feed asks. EventBridge receives
 * "AWS API Call via CloudTrail" events only from a trail with logging on ("To record events with a
 * detail-type value of AWS API Call via CloudTrail, a CloudTrail trail with logging enabled is
 * required", EventBridge user guide, "Events from AWS services"), so a region is recorded when a trail
 * of the account is logging there (its home region, or every region for a multi-region trail) and
 * one of its event selectors includes write management events of the source.
 *
 * Not simulated: log files (nothing is written to the bucket), the bucket policy check of CreateTrail
 * (InsufficientS3BucketPolicyException), advanced event selectors, organization trails, Insights.
 */
import { z } from "zod";
import { epochSeconds } from "../../core/ids.ts";
import type { DestinationLookup } from "../../core/lookups.ts";
import { bool, list, operationWith, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonService, type StatefulService } from "../../core/types.ts";
import { partitionOf } from "../shared/arns.ts";

const SelectorSchema = z.object({
  ReadWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]),
  IncludeManagementEvents: z.boolean(),
  DataResources: z.array(z.record(z.string(), z.unknown())),
  ExcludeManagementEventSources: z.array(z.string()),
});
const TrailSchema = z.object({
  name: z.string(),
  homeRegion: z.string(),
  bucket: z.string(),
  multiRegion: z.boolean(),
  includeGlobal: z.boolean(),
  logging: z.boolean(),
  startedAt: z.number().optional(),
  stoppedAt: z.number().optional(),
  selectors: z.array(SelectorSchema).optional(),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })),
});
const CloudTrailSnapshotSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), z.record(z.string(), TrailSchema)),
});
type Trail = z.infer<typeof TrailSchema>;
type Selector = z.infer<typeof SelectorSchema>;

/** A trail logs management events, read and write, when it has no selectors of its own (CloudTrail user guide). */
const DEFAULT_SELECTORS: Selector[] = [
  {
    ReadWriteType: "All",
    IncludeManagementEvents: true,
    DataResources: [],
    ExcludeManagementEventSources: [],
  },
];

const trailArn = (accountId: string, trail: Trail) =>
  `arn:${partitionOf(trail.homeRegion)}:cloudtrail:${trail.homeRegion}:${accountId}:trail/${trail.name}`;

const trailName = str({ min: 3, max: 128 });
const CreateTrailRequest = struct("CreateTrailRequest", {
  Name: required(trailName),
  S3BucketName: required(str()),
  S3KeyPrefix: str(),
  IncludeGlobalServiceEvents: bool,
  IsMultiRegionTrail: bool,
  EnableLogFileValidation: bool,
  TagsList: list(struct("Tag", { Key: required(str({ min: 1, max: 128 })), Value: str({ max: 256 }) })),
});
const NameRequest = (shape: string) => struct(shape, { Name: required(str()) });
const DescribeTrailsRequest = struct("DescribeTrailsRequest", {
  trailNameList: list(str()),
  includeShadowTrails: bool,
});
const GetEventSelectorsRequest = struct("GetEventSelectorsRequest", { TrailName: required(str()) });
const selectorShape = struct("EventSelector", {
  ReadWriteType: str({ enum: ["ReadOnly", "WriteOnly", "All"] }),
  IncludeManagementEvents: bool,
  DataResources: list(struct("DataResource", { Type: str(), Values: list(str()) })),
  ExcludeManagementEventSources: list(str()),
});
const PutEventSelectorsRequest = struct("PutEventSelectorsRequest", {
  TrailName: required(str()),
  EventSelectors: list(selectorShape, { max: 5 }),
});

const op = operationWith("InvalidParameterException");

export interface CloudTrailService extends JsonService, StatefulService {
  /**
   * Whether a trail of the account records write management events of `eventSource` (e.g.
   * `cognito-idp.amazonaws.com`) in the region: logging, home region or multi-region, and a selector
   * including management events that are not ReadOnly and do not exclude the source.
   */
  recordsManagementEvents(accountId: string, region: string, eventSource: string): boolean;
}

export function createCloudTrailService(lookup: DestinationLookup): CloudTrailService {
  let accounts: Record<string, Record<string, Trail>> = {};
  const trailsOf = (accountId: string) => {
    accounts[accountId] ??= {};
    return accounts[accountId] as Record<string, Trail>;
  };
  /** A trail by name or ARN, visible from the caller's region (its home region, or anywhere if multi-region). */
  const find = (ctx: CallContext, nameOrArn: string): Trail => {
    const name = nameOrArn.startsWith("arn:") ? (nameOrArn.split(":trail/")[1] ?? "") : nameOrArn;
    const trail = trailsOf(ctx.accountId)[name];
    if (!trail || (trail.homeRegion !== ctx.region && !trail.multiRegion)) {
      throw new AwsError(
        "TrailNotFoundException",
        `Unknown trail: ${nameOrArn} for the user: ${ctx.accountId}`,
      );
    }
    return trail;
  };
  const inHomeRegion = (ctx: CallContext, trail: Trail) => {
    if (trail.homeRegion !== ctx.region) {
      throw new AwsError(
        "InvalidHomeRegionException",
        `This operation must be called from the trail's home region, ${trail.homeRegion}.`,
      );
    }
  };
  const describe = (accountId: string, trail: Trail) => ({
    Name: trail.name,
    S3BucketName: trail.bucket,
    IncludeGlobalServiceEvents: trail.includeGlobal,
    IsMultiRegionTrail: trail.multiRegion,
    HomeRegion: trail.homeRegion,
    TrailARN: trailArn(accountId, trail),
    LogFileValidationEnabled: false,
    HasCustomEventSelectors: trail.selectors !== undefined,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  });

  return {
    targetPrefix: "CloudTrail_20131101",
    // The service model's full prefix (botocore, the AWS CLI); both reach CloudTrail.
    targetPrefixAliases: ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"],
    signingName: "cloudtrail",
    operations: {
      CreateTrail: op(CreateTrailRequest, (input, ctx) => {
        if (
          !/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(input.Name) ||
          /[._-]{2}/.test(input.Name)
        ) {
          throw new AwsError(
            "InvalidTrailNameException",
            "Trail name must starts with a letter or number, end with a letter or number, and contain only letters, numbers, periods, underscores, and dashes; and must be between 3 and 128 characters.",
          );
        }
        const trails = trailsOf(ctx.accountId);
        if (trails[input.Name]) {
          throw new AwsError(
            "TrailAlreadyExistsException",
            `Trail ${input.Name} already exists for customer: ${ctx.accountId}`,
          );
        }
        if (lookup.bucketRegion(input.S3BucketName, ctx) === undefined) {
          throw new AwsError(
            "S3BucketDoesNotExistException",
            `S3 bucket ${input.S3BucketName} does not exist.`,
          );
        }
        const trail: Trail = {
          name: input.Name,
          homeRegion: ctx.region,
          bucket: input.S3BucketName,
          multiRegion: input.IsMultiRegionTrail ?? false,
          includeGlobal: input.IncludeGlobalServiceEvents ?? true,
          // A new trail does not log until StartLogging (CloudTrail API reference, CreateTrail).
          logging: false,
          tags: (input.TagsList ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? "" })),
        };
        trails[input.Name] = trail;
        ctx.changed();
        const {
          HomeRegion: _home,
          HasCustomEventSelectors: _c,
          HasInsightSelectors: _i,
          ...answer
        } = describe(ctx.accountId, trail);
        return answer;
      }),
      DeleteTrail: op(NameRequest("DeleteTrailRequest"), (input, ctx) => {
        const trail = find(ctx, input.Name);
        inHomeRegion(ctx, trail);
        delete trailsOf(ctx.accountId)[trail.name];
        ctx.changed();
        return {};
      }),
      DescribeTrails: op(DescribeTrailsRequest, (input, ctx) => {
        const shadows = input.includeShadowTrails ?? true;
        const wanted = input.trailNameList ?? [];
        const trails = Object.values(trailsOf(ctx.accountId))
          .filter((t) => t.homeRegion === ctx.region || (shadows && t.multiRegion))
          .filter(
            (t) =>
              wanted.length === 0 || wanted.some((w) => w === t.name || w === trailArn(ctx.accountId, t)),
          );
        return { trailList: trails.map((t) => describe(ctx.accountId, t)) };
      }),
      GetTrailStatus: op(NameRequest("GetTrailStatusRequest"), (input, ctx) => {
        const trail = find(ctx, input.Name);
        return {
          IsLogging: trail.logging,
          ...(trail.startedAt !== undefined ? { StartLoggingTime: epochSeconds(trail.startedAt) } : {}),
          ...(trail.stoppedAt !== undefined ? { StopLoggingTime: epochSeconds(trail.stoppedAt) } : {}),
        };
      }),
      StartLogging: op(NameRequest("StartLoggingRequest"), (input, ctx) => {
        const trail = find(ctx, input.Name);
        inHomeRegion(ctx, trail);
        trail.logging = true;
        trail.startedAt = ctx.now();
        ctx.changed();
        return {};
      }),
      StopLogging: op(NameRequest("StopLoggingRequest"), (input, ctx) => {
        const trail = find(ctx, input.Name);
        inHomeRegion(ctx, trail);
        trail.logging = false;
        trail.stoppedAt = ctx.now();
        ctx.changed();
        return {};
      }),
      GetEventSelectors: op(GetEventSelectorsRequest, (input, ctx) => {
        const trail = find(ctx, input.TrailName);
        return {
          TrailARN: trailArn(ctx.accountId, trail),
          EventSelectors: trail.selectors ?? DEFAULT_SELECTORS,
        };
      }),
      PutEventSelectors: op(PutEventSelectorsRequest, (input, ctx) => {
        const trail = find(ctx, input.TrailName);
        inHomeRegion(ctx, trail);
        trail.selectors = (input.EventSelectors ?? []).map((s) => ({
          ReadWriteType: s.ReadWriteType ?? "All",
          IncludeManagementEvents: s.IncludeManagementEvents ?? true,
          DataResources: (s.DataResources ?? []).map((d) => ({ ...d })),
          ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
        }));
        ctx.changed();
        return { TrailARN: trailArn(ctx.accountId, trail), EventSelectors: trail.selectors };
      }),
    },
    recordsManagementEvents(accountId, region, eventSource) {
      return Object.values(accounts[accountId] ?? {}).some(
        (t) =>
          t.logging &&
          (t.homeRegion === region || t.multiRegion) &&
          (t.selectors ?? DEFAULT_SELECTORS).some(
            (s) =>
              s.IncludeManagementEvents &&
              s.ReadWriteType !== "ReadOnly" &&
              !s.ExcludeManagementEventSources.includes(eventSource),
          ),
      );
    },
    snapshot: () => ({ version: 1, accounts }),
    restore(snapshot) {
      const parsed = CloudTrailSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(
          `cloudtrail: the saved state is not a cloudtrail snapshot (version 1): ${parsed.error.message}`,
        );
      }
      accounts = parsed.data.accounts;
    },
  };
}
