/** SQS's constraint errors: `ValidationException`-style checks answer InvalidParameterValue (query-compatible). */
import { QueryCompatibleError } from "../../core/protocols/json.ts";
import { parseInput, type ShapeType, type StructureShape } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation } from "../../core/types.ts";

/**
 * An SQS operation declared by its input shape. A model violation answers `InvalidParameterValue`
 * with the query code of the same name (ours: SQS's JSON answer for a missing QueueUrl is not captured).
 */
export function sqsOperation<S extends StructureShape>(
  shape: S,
  handler: (input: ShapeType<S>, ctx: CallContext) => unknown,
): JsonOperation {
  return (raw, ctx) => {
    let input: ShapeType<S>;
    try {
      input = parseInput(shape, raw, "InvalidParameterValue");
    } catch (error) {
      if (error instanceof AwsError && error.code === "InvalidParameterValue") {
        throw new QueryCompatibleError("InvalidParameterValue", "InvalidParameterValue", error.message);
      }
      throw error;
    }
    return handler(input, ctx);
  };
}
