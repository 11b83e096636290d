/** IAM-style wildcard patterns (policies' resources and conditions, filter patterns' terms). */

/** Case-sensitive match of a value against a pattern where `*` matches any run of characters (IAM style; `?` one character). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "s").test(value);
}
