import { SSO_ERROR_MESSAGES, type SsoErrorCode } from "@clc/domain";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { isApiProblem } from "../../api/http.ts";
import { useSession, useSignIn, useSignInMethods } from "../../api/session/queries.ts";
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

/** The message for `?sso_error=<code>` (the BFF's refusal of a single sign-on), or null. */
export function ssoErrorMessage(code: string | null): string | null {
  if (code === null) return null;
  return Object.hasOwn(SSO_ERROR_MESSAGES, code)
    ? SSO_ERROR_MESSAGES[code as SsoErrorCode]
    : "Single sign-on did not complete. Try again.";
}

export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get("returnTo"));
  const ssoError = ssoErrorMessage(params.get("sso_error"));
  const session = useSession({ revalidate: true });
  const methods = useSignInMethods();
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
  // Until the BFF says otherwise, offer the password form (the embedded default).
  const passwordOn = methods.data?.password ?? true;
  const sso = methods.data?.sso ?? null;
  const ssoHref = sso ? `${sso.startUrl}?${new URLSearchParams({ returnTo }).toString()}` : null;
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={onSubmit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Sign in to Cognito Log Console</h1>
        {ssoError && (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">Not signed in</p>
            <p>{ssoError}</p>
          </div>
        )}
        {sso && ssoHref && (
          // A navigation, not a fetch: the provider's pages take over the tab and come back here.
          <a className="button button-primary sign-in-sso" href={ssoHref}>
            Sign in with {sso.name}
          </a>
        )}
        {sso && passwordOn && <p className="sign-in-or muted small">or with a console operator</p>}
        {passwordOn &&
          failure &&
          (isApiProblem(failure) && (failure.status === 401 || failure.status === 429) ? (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">{failure.problem.title}</p>
              {failure.status === 429 && failure.problem.detail && <p>{failure.problem.detail}</p>}
            </div>
          ) : (
            <ProblemMessage error={failure} title="Could not sign in" />
          ))}
        {passwordOn && (
          <>
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
              Operators are created by an administrator with{" "}
              <span className="mono">pnpm operators -- add</span>.
            </p>
          </>
        )}
      </form>
    </main>
  );
}
