/**
 * The CSRF token of the current session, kept outside React so the fetch wrapper can read it.
 * The auth layer sets it after sign-in (from `GET /api/session`) and clears it on sign-out.
 */
let csrfToken: string | null = null;

export function getCsrfToken(): string | null {
  return csrfToken;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
