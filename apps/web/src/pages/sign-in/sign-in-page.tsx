import { type FormEvent, useEffect, useRef, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { isApiProblem } from "../../api/http.ts";
import { useSession, useSignIn } from "../../api/session/queries.ts";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { consolePath } from "../../safe-path.ts";
import "./sign-in.css";

/**
 * Only same-origin paths (`consolePath`): `returnTo` comes from the URL, so anything else
 * (`//evil.example`, `https://…`, `javascript:`, `/\t/evil.example`) would make this page an open redirect.
 */
export function safeReturnTo(value: string | null): string {
  const path = consolePath(value);
  if (path === null || path === "/sign-in" || path.startsWith("/sign-in?")) return "/";
  return path;
}

export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get("returnTo"));
  const session = useSession({ revalidate: true });
  const signIn = useSignIn();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = "Sign in · Cognito Log Console";
    usernameRef.current?.focus();
  }, []);

  // The one way out of this page: once a session exists (already, or just now), go where asked.
  if (session.data && !session.isFetching) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate(
      { username: username.trim(), password },
      // The password is never kept after a failed attempt.
      { onError: () => setPassword("") },
    );
  };

  const failure = signIn.error;
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={onSubmit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Sign in to Cognito Log Console</h1>
        {failure &&
          (isApiProblem(failure) && (failure.status === 401 || failure.status === 429) ? (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">{failure.problem.title}</p>
              {failure.status === 429 && failure.problem.detail && <p>{failure.problem.detail}</p>}
            </div>
          ) : (
            <ProblemMessage error={failure} title="Could not sign in" />
          ))}
        <div className="field">
          <label htmlFor="sign-in-username">Username</label>
          <input
            id="sign-in-username"
            ref={usernameRef}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button-primary"
          disabled={signIn.isPending || username.trim() === "" || password === ""}
        >
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
        <p className="muted small">
          Operators are created by an administrator with <span className="mono">pnpm operators -- add</span>.
        </p>
      </form>
    </main>
  );
}
