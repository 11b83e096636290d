import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, sessionApi } from "../src/api/client.ts";
import { ApiProblem, setUnauthorizedHandler } from "../src/api/http.ts";
import { setCsrfToken } from "../src/api/session-token.ts";

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
  setCsrfToken(null);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => {});
});

function headersOfCall(index: number): Headers {
  return new Headers(fetchMock.mock.calls[index]?.[1]?.headers);
}

/** A read and a write of the typed client: every call of the app goes through these. */
const readPools = () => api.GET("/api/pools");
const refreshFleet = () => api.POST("/api/fleet/refresh");

describe("the fetch wrapper", () => {
  it("sends the CSRF token on writes but not on reads, same-origin with cookies", async () => {
    fetchMock.mockImplementation(async () => Response.json({ ok: true }));
    setCsrfToken("token-123");
    await readPools();
    await refreshFleet();
    expect(headersOfCall(0).get("x-csrf-token")).toBeNull();
    expect(headersOfCall(1).get("x-csrf-token")).toBe("token-123");
    expect(fetchMock.mock.calls[1]?.[1]?.credentials).toBe("same-origin");
  });

  it("turns a problem document into a typed ApiProblem with the field errors", async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          type: "https://clc.example/problems/validation",
          title: "The change is not valid",
          status: 422,
          errors: [{ path: "userAuthEvents.destination.arn", message: "Use the log group ARN without :*" }],
        }),
        { status: 422, headers: { "content-type": "application/problem+json" } },
      ),
    );
    const error = await api
      .PUT("/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}", {
        params: { path: { accountId: "123456789012", poolId: "us-east-1_x", eventSource: "userAuthEvents" } },
        body: { destination: { kind: "logGroup", arn: "arn:aws:logs:us-east-1:123456789012:log-group:x:*" } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).problem.errors?.[0]?.message).toBe("Use the log group ARN without :*");
  });

  it("still gives a readable problem when the server answers with something else", async () => {
    fetchMock.mockResolvedValue(
      new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    const error = (await readPools().catch((caught: unknown) => caught)) as ApiProblem;
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe("Bad Gateway");
    expect(error.problem.detail).toContain("Bad gateway");
  });

  it("says the server is unreachable when the network fails", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    const error = (await readPools().catch((caught: unknown) => caught)) as ApiProblem;
    expect(error.status).toBe(0);
    expect(error.problem.title).toMatch(/unreachable/);
  });

  it("sends the browser to sign in on a 401, unless the caller handles it", async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    fetchMock.mockImplementation(async () =>
      Response.json({ type: "about:blank", title: "Sign in", status: 401 }, { status: 401 }),
    );
    await expect(readPools()).rejects.toBeInstanceOf(ApiProblem);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(sessionApi.GET("/api/session")).rejects.toBeInstanceOf(ApiProblem);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
