import { type Problem, ProblemSchema } from "@clc/domain";
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

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The session probe itself must see a 401 instead of being sent to the sign-in page. */
  redirectOnUnauthorized?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
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
    const parsed = ProblemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...fallback, detail: text.slice(0, 500) };
  } catch {
    return { ...fallback, detail: text.slice(0, 500) };
  }
}

/** Same-origin JSON request to the BFF. Throws ApiProblem on any non-2xx answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const token = getCsrfToken();
  if (method !== "GET" && token) headers["x-csrf-token"] = token;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
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
  const data = (response.status === 204 ? undefined : await response.json()) as T;
  return { data, headers: response.headers };
}

/** Parses with the shared schema in development so contract drift shows up at once; trusts the BFF in production. */
export function checked<T>(schema: { parse(value: unknown): T }, value: unknown): T {
  return import.meta.env.DEV ? schema.parse(value) : (value as T);
}
