/** Paging tokens: opaque to clients, a JSON position inside (base64url). */

/** An opaque paging token that round-trips a position. */
export function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** The position inside a token, or undefined when the token was not made by `encodeToken`. */
export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}
