import { isRouteErrorResponse, Link, useRouteError } from "react-router";

/** Last line of defence: a render error or a failed lazy load must still leave a way forward. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Unknown error";
  return (
    <main id="main" className="app-main">
      <div className="alert alert-error" role="alert">
        <p className="alert-title">This page failed to load</p>
        <p>{message}</p>
        <p>
          Reload the page (the console may have been updated), or go back to <Link to="/">the fleet</Link>.
        </p>
      </div>
    </main>
  );
}
