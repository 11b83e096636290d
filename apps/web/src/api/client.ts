/**
 * The typed client of the BFF: every path, method, parameter, header and body is checked against
 * `schema.d.ts`, generated from the BFF's OpenAPI document (`corepack pnpm --filter @clc/web
 * generate:api`). A call the BFF would not route or accept therefore fails the web typecheck.
 *
 * The wire behaviour lives in http.ts (`send`): same-origin with the session cookie, the CSRF token on
 * writes, problem documents thrown as ApiProblem, a 401 sends the browser to sign in.
 */
import createClient from "openapi-fetch";
import { send } from "./http.ts";
import type { paths } from "./schema.d.ts";

export type { paths };

/**
 * Query strings as the BFF parses them: arrays repeat the name (`region=a&region=b`), absent values
 * are left out, everything else is its string form.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, String(item));
    else params.set(name, String(value));
  }
  return params.toString();
}

/** The client every fetcher uses. */
export const api = createClient<paths>({ fetch: (built) => send(built), querySerializer: serializeQuery });

/** For the session's own requests: a 401 there means "not signed in", not "go sign in". */
export const sessionApi = createClient<paths>({
  fetch: (built) => send(built, { redirectOnUnauthorized: false }),
  querySerializer: serializeQuery,
});

/**
 * The body and headers of a call through `api`. `send` throws ApiProblem on every non-2xx answer, so
 * openapi-fetch's error branch is never taken; if it were, the answer is still a problem.
 */
export async function ok<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; headers: Headers }> {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok)
    throw new Error(`The BFF answered ${response.status} where a success was expected`);
  return { data: data as T, headers: response.headers };
}

/** A path the BFF serves, for the few URLs the browser opens itself (downloads). */
export type ApiPath = keyof paths;
