/**
 * AWS's validation errors for checks a shape cannot express (integer enums, Unicode tag patterns).
 * Model constraints themselves are declared with the core's shapes (`core/shapes.ts`).
 */
import { AwsError } from "../../core/types.ts";

/** One constraint violation in AWS's wording: `1 validation error detected: Value '…' at '<path>' failed to satisfy constraint: …`. */
export function constraintError(code: string, value: unknown, path: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? "Value null" : `Value '${String(value)}'`;
  return new AwsError(
    code,
    `1 validation error detected: ${shown} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}
