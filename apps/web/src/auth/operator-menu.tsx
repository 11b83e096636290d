import "./auth.css";
import { useSignOut } from "../api/session/queries.ts";
import { useOperator } from "./session-context.tsx";

/** Who is signed in, with which role, and the way out. Lives in the header. */
export function OperatorMenu() {
  const operator = useOperator();
  const signOut = useSignOut();
  if (!operator) return null;
  return (
    <div className="operator-menu">
      <span className="operator-name" data-testid="signed-in-operator">
        <span className="mono">{operator.username}</span>{" "}
        <span className={`badge badge-role-${operator.role}`}>{operator.role}</span>
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={signOut.isPending}
        // After single sign-on, on to the provider's sign-out page (it comes back to /sign-in).
        onClick={() =>
          signOut.mutate(undefined, {
            onSettled: (endSessionUrl) => window.location.assign(endSessionUrl ?? "/sign-in"),
          })
        }
      >
        Sign out
      </button>
    </div>
  );
}
