/**
 * Redirect targets that come from the URL (`?returnTo=`) are followed only when they stay on the
 * console: a path of this origin. Anything else (`https://evil.example`, `//evil.example`,
 * `/\evil.example`, `javascript:…`, or a path with control characters or backslashes, which browsers
 * strip or turn into `/` so that `/\t/evil.example` becomes `//evil.example`) gives null.
 */
export function consolePath(value: string | null | undefined): string | null {
  if (!value?.startsWith("/") || value.startsWith("//")) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const origin = "http://console.invalid";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  // Dot segments are removed by the parse: `/.//evil.example` and `/..//evil.example` come out as
  // `//evil.example`, which a link or `location` takes as another host.
  if (url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
