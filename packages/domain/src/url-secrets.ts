/**
 * The one place that decides which parts of a URL are secret. Every URL the console shows (run
 * snapshots, plans, step messages) or records (audit trail) goes through `maskUrlSecrets`, in the
 * browser and in the BFF alike, so a credential typed into an endpoint URL never reaches a viewer or
 * the audit trail.
 */

export const SECRET_MASK = "********";

/** `scheme://…` up to whitespace or a character that ends a URL in prose or JSON. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/**
 * Masks the credentials a URL can carry:
 * - user info (`https://user:password@host`, `https://token@host`): both parts become `********`;
 * - every query value (`?token=…&sig=…`): the names stay so the URL is recognisable, the values go,
 *   because webhook URLs routinely carry tokens under names we cannot list in advance;
 * - the fragment;
 * - a Sumo Logic HTTP source's token, the last path segment after `/receiver/v1/` (Sumo Logic,
 *   "HTTP Logs and Metrics Source": the URL itself is the credential).
 *
 * Takes a URL or any text holding URLs (an error message, a JSON string) and masks each URL in it;
 * text without a URL comes back unchanged. Idempotent.
 */
export function maskUrlSecrets(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    // A sentence may end right after a URL: keep trailing punctuation out of it.
    const trailing = /[.,;:!?)\]}]+$/.exec(match)?.[0] ?? "";
    const url = trailing ? match.slice(0, -trailing.length) : match;
    return maskOneUrl(url) + trailing;
  });
}

function maskOneUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not parseable: mask by shape, so nothing that looks like user info or a query value survives.
    return raw
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${SECRET_MASK}@`)
      .replace(/([?&][^=&#]*=)[^&#]*/g, `$1${SECRET_MASK}`)
      .replace(/#.*$/, `#${SECRET_MASK}`);
  }
  const sumoToken = /^\/receiver\/v1\/(?:.*\/)?[^/]+$/.test(url.pathname);
  // Nothing secret: the URL comes back exactly as written (no normalisation surprises).
  if (url.username === "" && url.password === "" && url.search === "" && url.hash === "" && !sumoToken) {
    return raw;
  }
  const userInfo =
    url.username !== "" || url.password !== ""
      ? `${SECRET_MASK}${url.password !== "" ? `:${SECRET_MASK}` : ""}@`
      : "";
  let path = url.pathname;
  const sumo = /^(\/receiver\/v1\/(?:.*\/)?)[^/]+$/.exec(path);
  if (sumo?.[1] !== undefined && path.length > sumo[1].length) path = `${sumo[1]}${SECRET_MASK}`;
  const query =
    url.search === ""
      ? ""
      : `?${url.search
          .slice(1)
          .split("&")
          .map((pair) => {
            const eq = pair.indexOf("=");
            return eq < 0 ? pair : `${pair.slice(0, eq)}=${SECRET_MASK}`;
          })
          .join("&")}`;
  const fragment = url.hash === "" ? "" : `#${SECRET_MASK}`;
  // `url.host` never carries user info; the scheme and host stay as typed (lower-cased by URL).
  const authority = url.host === "" && !raw.includes("//") ? "" : `//${userInfo}${url.host}`;
  return `${url.protocol}${authority}${path}${query}${fragment}`;
}

/**
 * Masks every URL in every string of a JSON-like value (objects, arrays, strings); other values are
 * returned as they are. For what is recorded (audit `before`/`after`, error texts).
 */
export function maskUrlSecretsDeep<T>(value: T): T {
  if (typeof value === "string") return maskUrlSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskUrlSecretsDeep(v)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskUrlSecretsDeep(v)]),
    ) as T;
  }
  return value;
}
