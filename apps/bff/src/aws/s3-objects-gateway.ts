/**
 * Amazon S3, the reads of what arrived in a bucket: ListObjectsV2 under a prefix and GetObject of
 * one object (gunzipped when it is gzip: vended logs are `.log.gz`). Apart from s3-gateway.ts
 * (buckets and their settings) because delivery verification alone reads objects.
 */
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { z } from "zod";
import { listOf, regionalCalls } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const ListObjectsAnswerSchema = z.object({
  Contents: listOf(
    z.object({ Key: z.string().nullish(), LastModified: z.date().nullish(), Size: z.number().nullish() }),
  ),
  NextContinuationToken: z.string().nullish(),
  IsTruncated: z.boolean().nullish(),
});
const GetObjectAnswerSchema = z.object({
  Body: z.custom<{ transformToByteArray(): Promise<Uint8Array> }>(
    (v) => typeof (v as { transformToByteArray?: unknown } | null)?.transformToByteArray === "function",
  ),
  ContentLength: z.number().nullish(),
});

export interface ObjectRecord {
  key: string;
  /** Milliseconds since the epoch; null when S3 gave none. */
  lastModified: number | null;
  size: number;
}

export interface S3ObjectsGateway {
  /** Objects under `prefix`, at most `maxPages` pages of 1,000; `truncated` when more remain. */
  listObjects(
    region: string,
    bucket: string,
    prefix: string,
    maxPages: number,
    deadline?: Deadline,
  ): Promise<{ objects: ObjectRecord[]; truncated: boolean }>;
  /** An object's text (gunzipped when gzip), refused beyond `maxBytes` (read, not streamed: log objects are small). */
  getObjectText(
    region: string,
    bucket: string,
    key: string,
    maxBytes: number,
    deadline?: Deadline,
  ): Promise<string>;
}

export function createS3ObjectsGateway(clients: AwsClients): S3ObjectsGateway {
  const { send, read } = regionalCalls(clients.backgroundCallBudgetMs, clients.s3);
  return {
    async listObjects(region, bucket, prefix, maxPages, deadline) {
      const objects: ObjectRecord[] = [];
      let token: string | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const { answer } = await send(
          "s3.ListObjectsV2",
          read(region),
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
          deadline,
          ListObjectsAnswerSchema,
        );
        for (const o of answer.Contents) {
          if (o.Key)
            objects.push({ key: o.Key, lastModified: o.LastModified?.getTime() ?? null, size: o.Size ?? 0 });
        }
        token = answer.IsTruncated ? (answer.NextContinuationToken ?? undefined) : undefined;
        if (!token) return { objects, truncated: false };
      }
      return { objects, truncated: true };
    },

    async getObjectText(region, bucket, key, maxBytes, deadline) {
      const { answer } = await send(
        "s3.GetObject",
        read(region),
        new GetObjectCommand({ Bucket: bucket, Key: key }),
        deadline,
        GetObjectAnswerSchema,
      );
      if ((answer.ContentLength ?? 0) > maxBytes) {
        throw new Error(
          `The object is ${answer.ContentLength} bytes; the console reads objects up to ${maxBytes} bytes.`,
        );
      }
      const bytes = Buffer.from(await answer.Body.transformToByteArray());
      // gzip's magic number: vended logs are gzip whatever their content type says.
      const text =
        bytes[0] === 0x1f && bytes[1] === 0x8b
          ? gunzipSync(bytes, { maxOutputLength: maxBytes * 20 })
          : bytes;
      return text.toString("utf8");
    },
  };
}
