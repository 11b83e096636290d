import type * as Domain from "@clc/domain";
import type { Problem } from "@clc/domain";
import { getCsrfToken } from "./session-token.ts";

/** An API answer that was not a success, carrying the RFC 9457 problem document the BFF sent. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiProblem";
    this.status = problem.status;
    this.problem = problem;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const here = `${window.location.pathname}${window.location.search}`;
  if (window.location.pathname === "/sign-in") return;
  window.location.assign(`/sign-in?returnTo=${encodeURIComponent(here)}`);
};

/** Lets the app route to the sign-in page with the router instead of a full page load. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface SendOptions {
  /** The session probe itself must see a 401 instead of being sent to the sign-in page. */
  redirectOnUnauthorized?: boolean;
}

/** Turns whatever a failed response holds into a problem document the UI can always render. */
async function problemFrom(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail:
      response.status >= 500
        ? "The console's server failed to answer. Try again; if it keeps failing, check the server log."
        : undefined,
  };
  const text = await response.text().catch(() => "");
  if (!text) return fallback;
  try {
    // The schemas' module (zod and every payload) loads on the first failed answer, not at start.
    const { ProblemSchema } = await import("@clc/domain");
    const parsed = ProblemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...fallback, detail: text.slice(0, 500) };
  } catch {
    return { ...fallback, detail: text.slice(0, 500) };
  }
}

/**
 * The transport of the typed client (client.ts): sends the request openapi-fetch built (path, query,
 * headers, JSON body) to the same origin with the session cookie and, on writes, the CSRF token.
 * Answers the 2xx response; throws ApiProblem on any other answer or when the BFF is unreachable.
 */
export async function send(built: Request, options: SendOptions = {}): Promise<Response> {
  const url = new URL(built.url);
  const method = built.method;
  const headers: Record<string, string> = { accept: "application/json" };
  built.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const token = getCsrfToken();
  if (method !== "GET" && token) headers["x-csrf-token"] = token;
  const body = built.body === null ? undefined : await built.text();

  let response: Response;
  try {
    response = await fetch(`${url.pathname}${url.search}`, {
      method,
      headers,
      credentials: "same-origin",
      body,
      signal: built.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiProblem({
      type: "about:blank",
      title: "The console's server is unreachable",
      status: 0,
      detail: "Check that the BFF is running and your network is up, then try again.",
    });
  }

  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && options.redirectOnUnauthorized !== false) onUnauthorized();
    throw new ApiProblem(problem);
  }
  return response;
}

/**
 * Parses with the shared schema in development so contract drift shows up at once; trusts the BFF in
 * production. `value` is the answer as typed by the generated contract: it must already fit the
 * domain's type, so a response the BFF changed without the domain schema fails the typecheck too.
 *
 * The schema is named by `pick` (`(d) => d.FleetStatusSchema`) rather than imported, so the data
 * layer holds no reference to zod: production builds never load the schemas for it (only forms do),
 * and development loads them here on the first answer.
 */
export async function checked<T>(
  pick: (domain: typeof Domain) => { parse(value: unknown): T },
  value: NoInfer<T>,
): Promise<T> {
  if (!import.meta.env.DEV) return value as T;
  return pick(await import("@clc/domain")).parse(value);
}
