import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. Go to <Link to="/">the fleet</Link> to find a user pool.
      </p>
    </div>
  );
}
