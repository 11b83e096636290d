import type { SessionResponse, SignInMethods, SignInRequest } from "@clc/domain";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ok, sessionApi } from "../client.ts";
import { checked, isApiProblem } from "../http.ts";
import { setCsrfToken } from "../session-token.ts";
import { sessionKeys } from "./keys.ts";

/** The signed-in operator, or null when there is no (live) session. Keeps the CSRF token current. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    const { data } = await ok(sessionApi.GET("/api/session", { signal }));
    const session = await checked((d) => d.SessionResponseSchema, data);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiProblem(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(credentials: SignInRequest): Promise<SessionResponse> {
  const { data } = await ok(sessionApi.POST("/api/session", { body: credentials }));
  const session = await checked((d) => d.SessionResponseSchema, data);
  setCsrfToken(session.csrfToken);
  return session;
}

/** How this console lets operators in: password, single sign-on, or both. */
export async function fetchSignInMethods(signal?: AbortSignal): Promise<SignInMethods> {
  const { data } = await ok(sessionApi.GET("/api/session/methods", { signal }));
  return checked((d) => d.SignInMethodsSchema, data);
}

/**
 * Ends the console session. Answers the provider's end-session page after single sign-on (the
 * caller goes there, and the provider comes back to /sign-in), else null.
 */
export async function signOut(): Promise<string | null> {
  try {
    const { data } = await ok(sessionApi.DELETE("/api/session"));
    // 204 after a password sign-in: no body.
    return data ? (await checked((d) => d.SignOutResponseSchema, data)).endSessionUrl : null;
  } catch (error) {
    // An already-ended session is signed out too.
    if (!(isApiProblem(error) && error.status === 401)) throw error;
    return null;
  } finally {
    setCsrfToken(null);
  }
}

/**
 * Asked once on load; other requests' 401s send the browser to the sign-in page. That page asks
 * again (`revalidate`), since the session it remembers is the one that just ended.
 */
export function useSession(options: { revalidate?: boolean } = {}) {
  return useQuery({
    ...sessionQuery(),
    ...(options.revalidate ? { refetchOnMount: "always" as const } : {}),
  });
}

/** The session read, shared by useSession and the router, which starts it before React renders. */
export function sessionQuery() {
  return queryOptions({
    queryKey: sessionKeys.session,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

export function useSignInMethods() {
  return useQuery({
    queryKey: sessionKeys.methods,
    queryFn: ({ signal }) => fetchSignInMethods(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Another operator may have used this tab: drop everything read under the previous session.
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.session, session);
    },
  });
}

/**
 * Ends the session on the server. The caller then loads /sign-in as a new page, which also drops
 * every answer and token this tab held in memory.
 */
export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
