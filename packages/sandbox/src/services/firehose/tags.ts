/** Tags of delivery streams: TagDeliveryStream, UntagDeliveryStream, ListTagsForDeliveryStream. */
import { int, list, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type JsonOperation } from "../../core/types.ts";
import { streamNamed } from "./lookup.ts";
import { checkTagPatterns, firehoseOperation, streamName, TAG_KEY_PATTERN, tagShape } from "./members.ts";
import type { FirehoseState } from "./model.ts";

const MAX_TAGS = 50;

const TagInput = struct("TagDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  Tags: required(list(tagShape, { min: 1, max: 50 })),
});
const UntagInput = struct("UntagDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  TagKeys: required(list(str({ min: 1, max: 128, pattern: TAG_KEY_PATTERN }), { min: 1, max: 50 })),
});
const ListTagsInput = struct("ListTagsForDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  ExclusiveStartTagKey: str({ min: 1, max: 128, pattern: TAG_KEY_PATTERN }),
  Limit: int({ min: 1, max: 50 }),
});
export function tagOperations(state: FirehoseState): Record<string, JsonOperation> {
  return {
    TagDeliveryStream: firehoseOperation(TagInput, (input, ctx) => {
      checkTagPatterns(input.Tags);
      const stream = streamNamed(state, ctx, input.DeliveryStreamName);
      const merged = new Map(stream.tags.map((t) => [t.Key, t.Value]));
      for (const tag of input.Tags) merged.set(tag.Key, tag.Value ?? "");
      if (merged.size > MAX_TAGS) {
        throw new AwsError("LimitExceededException", `A delivery stream can have at most ${MAX_TAGS} tags.`);
      }
      stream.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
      ctx.changed();
      return {};
    }),

    UntagDeliveryStream: firehoseOperation(UntagInput, (input, ctx) => {
      const stream = streamNamed(state, ctx, input.DeliveryStreamName);
      stream.tags = stream.tags.filter((t) => !input.TagKeys.includes(t.Key));
      ctx.changed();
      return {};
    }),

    ListTagsForDeliveryStream: firehoseOperation(ListTagsInput, (input, ctx) => {
      const stream = streamNamed(state, ctx, input.DeliveryStreamName);
      const after = input.ExclusiveStartTagKey;
      const tags = [...stream.tags]
        .sort((a, b) => (a.Key < b.Key ? -1 : 1))
        .filter((t) => after === undefined || t.Key > after);
      const limit = input.Limit ?? 50;
      return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
    }),
  };
}
