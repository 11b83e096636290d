/**
 * Amazon Data Firehose: delivery streams, their tags, and the streams destination creation makes and
 * cleans up. Writes are sent once (clients.ts); creation's "already exists" and cleanup's "already
 * gone" are outcomes, not errors.
 */
import {
  CreateDeliveryStreamCommand,
  type CreateDeliveryStreamCommandInput,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  TagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import type { ObservedStreamDestination } from "@clc/domain";
import { z } from "zod";
import { listOf, orOnCode, outcomeOf, regionalCalls, tagList } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

/** CreateDeliveryStream's request, named here so services need not import the SDK. */
export type CreateDeliveryStreamInput = CreateDeliveryStreamCommandInput;

const ListAnswerSchema = z.object({
  DeliveryStreamNames: listOf(z.string()),
  HasMoreDeliveryStreams: z.boolean().nullish(),
});

const S3DescriptionSchema = z
  .looseObject({ BucketARN: z.string().nullish(), RoleARN: z.string().nullish() })
  .nullish();
const DestinationDescriptionSchema = z.looseObject({
  ExtendedS3DestinationDescription: S3DescriptionSchema,
  S3DestinationDescription: S3DescriptionSchema,
  HttpEndpointDestinationDescription: z
    .looseObject({
      EndpointConfiguration: z
        .looseObject({ Url: z.string().nullish(), Name: z.string().nullish() })
        .nullish(),
      RoleARN: z.string().nullish(),
      S3DestinationDescription: S3DescriptionSchema,
    })
    .nullish(),
});
type DestinationDescription = z.infer<typeof DestinationDescriptionSchema>;

const DescribeAnswerSchema = z.object({
  DeliveryStreamDescription: z.object({
    DeliveryStreamName: z.string(),
    DeliveryStreamARN: z.string(),
    DeliveryStreamStatus: z.string(),
    DeliveryStreamType: z.string().nullish(),
    Destinations: z.array(DestinationDescriptionSchema).nullish(),
    DeliveryStreamEncryptionConfiguration: z
      .looseObject({
        Status: z.string().nullish(),
        KeyType: z.string().nullish(),
        KeyARN: z.string().nullish(),
      })
      .nullish(),
    CreateTimestamp: z.date().nullish(),
  }),
});

const TagsAnswerSchema = z.object({
  Tags: listOf(z.object({ Key: z.string(), Value: z.string().nullish() })),
  HasMoreTags: z.boolean().nullish(),
});
const CreateAnswerSchema = z.object({ DeliveryStreamARN: z.string() });

export interface DeliveryStreamRecord {
  name: string;
  arn: string;
  status: string;
  type: string;
  destinationType: "s3" | "http" | "other";
  /** Bucket name or endpoint host: never the full URL, which may carry a token. */
  destinationSummary: string;
  /** The bucket receiving the records (extended S3) or the failed ones (HTTP endpoint backup). */
  bucketArn: string | null;
  /** Server-side encryption of the stream; null when AWS reports none. */
  encryption: { status: string; keyType: string | null; keyArn: string | null } | null;
  createdAt: string | null;
  /**
   * Where it delivers, as creation compares it with its plan (the endpoint URL may carry a secret:
   * mask it before showing it; `destinationSummary` is the safe form).
   */
  destination: ObservedStreamDestination;
}

/**
 * Every call takes the user request's deadline; without one (background work, such as a creation
 * run's steps) each call gets the clients' background budget of its own.
 */
export interface FirehoseGateway {
  listDeliveryStreams(
    region: string,
    query: { exclusiveStartName?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ names: string[]; hasMore: boolean }>;
  /** A missing stream is AWS's ResourceNotFoundException. */
  describeDeliveryStream(region: string, name: string, deadline?: Deadline): Promise<DeliveryStreamRecord>;
  /** Every tag of the stream (all pages). */
  listTags(region: string, name: string, deadline?: Deadline): Promise<Record<string, string>>;
  tagDeliveryStream(
    region: string,
    name: string,
    tags: Record<string, string>,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null }>;
  /** CreateDeliveryStream exactly as given; "exists": ResourceInUseException (the name is taken). */
  createDeliveryStream(
    region: string,
    input: CreateDeliveryStreamInput,
    deadline?: Deadline,
  ): Promise<{ arn: string } | "exists">;
  /** DeleteDeliveryStream; "missing": ResourceNotFoundException. */
  deleteDeliveryStream(region: string, name: string, deadline?: Deadline): Promise<"deleted" | "missing">;
}

/** The list's one-line summary: bucket name or endpoint name and host, never the full URL. */
function summarise(
  first: DestinationDescription | undefined,
): Pick<DeliveryStreamRecord, "destinationType" | "destinationSummary"> {
  if (!first) return { destinationType: "other", destinationSummary: "no destination" };
  const http = first.HttpEndpointDestinationDescription?.EndpointConfiguration;
  if (http) {
    let host = "";
    try {
      host = http.Url ? new URL(http.Url).host : "";
    } catch {
      host = "";
    }
    return {
      destinationType: "http",
      destinationSummary: [http.Name, host].filter(Boolean).join(" · ") || "HTTP endpoint",
    };
  }
  const bucketArn =
    first.ExtendedS3DestinationDescription?.BucketARN ?? first.S3DestinationDescription?.BucketARN;
  if (bucketArn)
    return { destinationType: "s3", destinationSummary: bucketArn.replace(/^arn:[^:]+:s3:::/, "") };
  return { destinationType: "other", destinationSummary: otherKind(first) ?? "other" };
}

/** Where a stream delivers, from its first destination (log delivery streams have one). */
function observedDestination(first: DestinationDescription | undefined): ObservedStreamDestination {
  if (!first) return { kind: "other", what: "no destination" };
  const http = first.HttpEndpointDestinationDescription;
  if (http) {
    return {
      kind: "http",
      url: http.EndpointConfiguration?.Url ?? null,
      roleArn: http.RoleARN ?? null,
      backupBucketArn: http.S3DestinationDescription?.BucketARN ?? null,
    };
  }
  const s3 = first.ExtendedS3DestinationDescription ?? first.S3DestinationDescription;
  if (s3) return { kind: "s3", bucketArn: s3.BucketARN ?? null, roleArn: s3.RoleARN ?? null };
  return { kind: "other", what: otherKind(first) ?? "another destination" };
}

/** `Splunk` for a SplunkDestinationDescription, and so on. */
function otherKind(first: DestinationDescription): string | null {
  const other = Object.keys(first).find((k) => k.endsWith("DestinationDescription"));
  return other ? other.replace(/DestinationDescription$/, "") : null;
}

export function createFirehoseGateway(clients: AwsClients): FirehoseGateway {
  const { send, read, write } = regionalCalls(clients.backgroundCallBudgetMs, (region, purpose) =>
    clients.firehose(region, purpose),
  );
  return {
    async listDeliveryStreams(region, query, deadline) {
      const start = query.exclusiveStartName;
      const command = new ListDeliveryStreamsCommand({
        Limit: query.limit,
        ...(start ? { ExclusiveStartDeliveryStreamName: start } : {}),
      });
      const listed = await send(
        "firehose.ListDeliveryStreams",
        read(region),
        command,
        deadline,
        ListAnswerSchema,
      );
      return {
        names: listed.answer.DeliveryStreamNames,
        hasMore: listed.answer.HasMoreDeliveryStreams === true,
      };
    },

    async describeDeliveryStream(region, name, deadline) {
      const command = new DescribeDeliveryStreamCommand({ DeliveryStreamName: name });
      const described = await send(
        "firehose.DescribeDeliveryStream",
        read(region),
        command,
        deadline,
        DescribeAnswerSchema,
      );
      const d = described.answer.DeliveryStreamDescription;
      const first = d.Destinations?.[0];
      const sse = d.DeliveryStreamEncryptionConfiguration;
      return {
        name: d.DeliveryStreamName,
        arn: d.DeliveryStreamARN,
        status: d.DeliveryStreamStatus,
        type: d.DeliveryStreamType ?? "DirectPut",
        ...summarise(first),
        bucketArn:
          first?.ExtendedS3DestinationDescription?.BucketARN ??
          first?.S3DestinationDescription?.BucketARN ??
          first?.HttpEndpointDestinationDescription?.S3DestinationDescription?.BucketARN ??
          null,
        encryption: sse?.Status
          ? { status: sse.Status, keyType: sse.KeyType ?? null, keyArn: sse.KeyARN ?? null }
          : null,
        createdAt: d.CreateTimestamp ? d.CreateTimestamp.toISOString() : null,
        destination: observedDestination(first),
      };
    },

    async listTags(region, name, deadline) {
      const tags: Record<string, string> = {};
      let start: string | undefined;
      for (let page = 0; page < 20; page++) {
        const { answer } = await send(
          "firehose.ListTagsForDeliveryStream",
          read(region),
          new ListTagsForDeliveryStreamCommand({
            DeliveryStreamName: name,
            ExclusiveStartTagKey: start,
            Limit: 50,
          }),
          deadline,
          TagsAnswerSchema,
        );
        for (const tag of answer.Tags) tags[tag.Key] = tag.Value ?? "";
        start = answer.Tags.at(-1)?.Key;
        if (!answer.HasMoreTags || !start) break;
      }
      return tags;
    },

    async tagDeliveryStream(region, name, tags, deadline) {
      const command = new TagDeliveryStreamCommand({ DeliveryStreamName: name, Tags: tagList(tags) });
      const { requestId } = await send("firehose.TagDeliveryStream", write(region), command, deadline);
      return { requestId };
    },

    createDeliveryStream(region, input, deadline) {
      const command = new CreateDeliveryStreamCommand(input);
      const sent = send(
        "firehose.CreateDeliveryStream",
        write(region),
        command,
        deadline,
        CreateAnswerSchema,
      );
      const created = sent.then(({ answer }) => ({ arn: answer.DeliveryStreamARN }));
      return orOnCode(created, ["ResourceInUseException"], "exists" as const);
    },

    deleteDeliveryStream(region, name, deadline) {
      const command = new DeleteDeliveryStreamCommand({ DeliveryStreamName: name });
      const sent = send("firehose.DeleteDeliveryStream", write(region), command, deadline);
      return outcomeOf(sent, "deleted", ["ResourceNotFoundException"], "missing");
    },
  };
}
