/** IAM-style wildcard patterns (policies' resources and conditions, filter patterns' terms). */

/**
 * Each pattern compiled once: every call of a role session matches the role's policies' actions
 * and resources (issue 14's org bench). No `g` or `y` flag, so `test` keeps no state between uses.
 * Bounded: cleared when full.
 */
const compiledPatterns = new Map<string, RegExp>();
const MAX_PATTERNS = 5_000;

/** Case-sensitive match of a value against a pattern where `*` matches any run of characters (IAM style; `?` one character). */
export function wildcardMatch(pattern: string, value: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const regex = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    compiled = new RegExp(`^${regex}$`, "s");
    if (compiledPatterns.size >= MAX_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(value);
}
