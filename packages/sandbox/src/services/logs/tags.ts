/** Tags of log groups: TagResource, UntagResource, ListTagsForResource (by ARN) and the older TagLogGroup, ListTagsLogGroup (by name). */
import { list, operation, required, str, struct } from "../../core/shapes.ts";
import type { CallContext, JsonOperation } from "../../core/types.ts";
import { groupByName, notFound, resolveIdentifier } from "./lookup.ts";
import { checkTags, logGroupName, resourceArn, tagMap } from "./members.ts";
import type { LogGroup, LogsState } from "./model.ts";

const TagResourceInput = struct("TagResourceRequest", {
  resourceArn: required(resourceArn),
  tags: required(tagMap),
});
const UntagResourceInput = struct("UntagResourceRequest", {
  resourceArn: required(resourceArn),
  tagKeys: required(list(str({ min: 1, max: 128 }), { min: 0, max: 50 })),
});
const ListTagsForResourceInput = struct("ListTagsForResourceRequest", { resourceArn: required(resourceArn) });
const TagLogGroupInput = struct("TagLogGroupRequest", {
  logGroupName: required(logGroupName),
  tags: required(tagMap),
});
const ListTagsLogGroupInput = struct("ListTagsLogGroupRequest", { logGroupName: required(logGroupName) });

export function tagOperations(state: LogsState): Record<string, JsonOperation> {
  function groupForArn(ctx: CallContext, arn: string): LogGroup {
    if (!/^arn:[^:]+:logs:[^:]*:\d{12}:log-group:/.test(arn)) {
      // Ours: the sandbox tags log groups only.
      throw notFound(`The specified resource does not exist: ${arn} (the sandbox tags log groups only).`);
    }
    const group = resolveIdentifier(state, ctx, arn);
    if (!group) throw notFound();
    return group;
  }

  return {
    TagResource: operation(TagResourceInput, (input, ctx) => {
      checkTags(input.tags);
      const group = groupForArn(ctx, input.resourceArn);
      Object.assign(group.tags, input.tags);
      ctx.changed();
      return {};
    }),

    UntagResource: operation(UntagResourceInput, (input, ctx) => {
      const group = groupForArn(ctx, input.resourceArn);
      for (const key of input.tagKeys) delete group.tags[key];
      ctx.changed();
      return {};
    }),

    ListTagsForResource: operation(ListTagsForResourceInput, (input, ctx) => {
      return { tags: { ...groupForArn(ctx, input.resourceArn).tags } };
    }),

    TagLogGroup: operation(TagLogGroupInput, (input, ctx) => {
      checkTags(input.tags);
      Object.assign(groupByName(state, ctx, input.logGroupName).tags, input.tags);
      ctx.changed();
      return {};
    }),

    ListTagsLogGroup: operation(ListTagsLogGroupInput, (input, ctx) => {
      return { tags: { ...groupByName(state, ctx, input.logGroupName).tags } };
    }),
  };
}
