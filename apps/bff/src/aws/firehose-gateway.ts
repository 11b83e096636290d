import {
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  TagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";
import { callAws, parseAwsAnswer } from "./errors.ts";

const ListAnswerSchema = z.object({
  DeliveryStreamNames: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  HasMoreDeliveryStreams: z.boolean().nullish(),
});

const DestinationDescriptionSchema = z.looseObject({
  ExtendedS3DestinationDescription: z.looseObject({ BucketARN: z.string().nullish() }).nullish(),
  S3DestinationDescription: z.looseObject({ BucketARN: z.string().nullish() }).nullish(),
  HttpEndpointDestinationDescription: z
    .looseObject({
      EndpointConfiguration: z
        .looseObject({ Url: z.string().nullish(), Name: z.string().nullish() })
        .nullish(),
      S3DestinationDescription: z.looseObject({ BucketARN: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

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
  Tags: z
    .array(z.object({ Key: z.string(), Value: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  HasMoreTags: z.boolean().nullish(),
});

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
}

export interface FirehoseGateway {
  listDeliveryStreams(
    region: string,
    query: { exclusiveStartName?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ names: string[]; hasMore: boolean }>;
  describeDeliveryStream(region: string, name: string, deadline?: Deadline): Promise<DeliveryStreamRecord>;
  listTags(region: string, name: string, deadline?: Deadline): Promise<Record<string, string>>;
  tagDeliveryStream(
    region: string,
    name: string,
    tags: Record<string, string>,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null }>;
}

function summarise(
  destinations: z.infer<typeof DestinationDescriptionSchema>[],
): Pick<DeliveryStreamRecord, "destinationType" | "destinationSummary"> {
  const first = destinations[0];
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
  const other = Object.keys(first).find((k) => k.endsWith("DestinationDescription"));
  return {
    destinationType: "other",
    destinationSummary: other ? other.replace(/DestinationDescription$/, "") : "other",
  };
}

/** Each call takes the user request's deadline; without one it gets the background budget of its own. */
export function createFirehoseGateway(clients: AwsClients): FirehoseGateway {
  const within = (deadline: Deadline | undefined) => deadline ?? clients.backgroundCallBudgetMs;
  return {
    async listDeliveryStreams(region, query, deadline) {
      const op = "firehose.ListDeliveryStreams";
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients.firehose(region, "read").send(
            new ListDeliveryStreamsCommand({
              Limit: query.limit,
              ...(query.exclusiveStartName
                ? { ExclusiveStartDeliveryStreamName: query.exclusiveStartName }
                : {}),
            }),
            { abortSignal },
          ),
        within(deadline),
      );
      const page = parseAwsAnswer(ListAnswerSchema, answer, op);
      return { names: page.DeliveryStreamNames, hasMore: page.HasMoreDeliveryStreams === true };
    },

    async describeDeliveryStream(region, name, deadline) {
      const op = "firehose.DescribeDeliveryStream";
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients
            .firehose(region, "read")
            .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }), { abortSignal }),
        within(deadline),
      );
      const d = parseAwsAnswer(DescribeAnswerSchema, answer, op).DeliveryStreamDescription;
      const first = d.Destinations?.[0];
      const sse = d.DeliveryStreamEncryptionConfiguration;
      return {
        name: d.DeliveryStreamName,
        arn: d.DeliveryStreamARN,
        status: d.DeliveryStreamStatus,
        type: d.DeliveryStreamType ?? "DirectPut",
        ...summarise(d.Destinations ?? []),
        bucketArn:
          first?.ExtendedS3DestinationDescription?.BucketARN ??
          first?.S3DestinationDescription?.BucketARN ??
          first?.HttpEndpointDestinationDescription?.S3DestinationDescription?.BucketARN ??
          null,
        encryption: sse?.Status
          ? { status: sse.Status, keyType: sse.KeyType ?? null, keyArn: sse.KeyARN ?? null }
          : null,
        createdAt: d.CreateTimestamp ? d.CreateTimestamp.toISOString() : null,
      };
    },

    async listTags(region, name, deadline) {
      const op = "firehose.ListTagsForDeliveryStream";
      const tags: Record<string, string> = {};
      let start: string | undefined;
      for (let page = 0; page < 20; page++) {
        const answer = await callAws(
          op,
          (abortSignal) =>
            clients.firehose(region, "read").send(
              new ListTagsForDeliveryStreamCommand({
                DeliveryStreamName: name,
                ExclusiveStartTagKey: start,
                Limit: 50,
              }),
              { abortSignal },
            ),
          within(deadline),
        );
        const parsed = parseAwsAnswer(TagsAnswerSchema, answer, op);
        for (const tag of parsed.Tags) tags[tag.Key] = tag.Value ?? "";
        start = parsed.Tags.at(-1)?.Key;
        if (!parsed.HasMoreTags || !start) break;
      }
      return tags;
    },

    async tagDeliveryStream(region, name, tags, deadline) {
      const answer = await callAws(
        "firehose.TagDeliveryStream",
        (abortSignal) =>
          clients.firehose(region, "write").send(
            new TagDeliveryStreamCommand({
              DeliveryStreamName: name,
              Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
            }),
            { abortSignal },
          ),
        within(deadline),
      );
      return { requestId: answer.$metadata.requestId ?? null };
    },
  };
}
