/** JSON values as the awsJson1_1 core hands them to services. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The members among `keys` that `value` holds (not undefined), in the order of `keys`: for answers that omit what was never set. */
export function given(value: JsonObject, ...keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}
