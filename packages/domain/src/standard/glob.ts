/**
 * Name patterns of the logging standard and its exemptions: `*` any run of characters (none
 * included), `?` exactly one; every other character is itself. Case-sensitive, as AWS names are.
 */

/** The pattern as an anchored regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (const char of pattern) {
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else source += char.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

/** Whether `value` matches the glob `pattern` as a whole. */
export function globMatches(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}
