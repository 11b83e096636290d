import type { Operator } from "@clc/domain";
import { createContext, type ReactNode, useContext } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../api/session/queries.ts";
import { PageLoading } from "../components/page-loading.tsx";
import { QueryProblem } from "../components/problem-message.tsx";

/** The signed-in operator; null outside a session (then nothing may be written). */
export const SessionContext = createContext<Operator | null>(null);

export function useOperator(): Operator | null {
  return useContext(SessionContext);
}

/** Where to send the browser to sign in, coming back here afterwards. */
export function signInPath(returnTo: string): string {
  return returnTo === "/" ? "/sign-in" : `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * A layout route: renders the nested routes (or `children`) only for a signed-in operator;
 * otherwise goes to the sign-in page.
 */
export function RequireSession({ children }: { children?: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading what="your session" />;
  if (session.isError) {
    return (
      <main className="page">
        <QueryProblem query={session} title="Could not check your session" />
      </main>
    );
  }
  if (session.data === null) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return (
    <SessionContext.Provider value={session.data.operator}>{children ?? <Outlet />}</SessionContext.Provider>
  );
}
