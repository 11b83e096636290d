import { z } from "zod";

/**
 * A whole number in a query string, `min`–`max`, `fallback` when the parameter is absent. Only an
 * optional minus and digits: z.coerce alone reads "" (an empty `?offset=`) and " " as 0, "0x10" as
 * 16 and "1e3" as 1,000 (JavaScript's Number()), and answered them as if asked. Anything else
 * becomes NaN, which zod-messages.ts words as "expected a number". The JSON Schema (OpenAPI) is the
 * inner one: an integer with its bounds and default.
 */
export function queryInteger(options: { min: number; max: number; fallback: number }) {
  return z.preprocess(
    (value) => (typeof value === "string" && !/^-?\d+$/.test(value) ? Number.NaN : value),
    z.coerce.number().int().min(options.min).max(options.max).default(options.fallback),
  );
}
