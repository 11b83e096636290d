import { useOperator } from "./session-context.tsx";

/**
 * Whether the signed-in operator may change configurations. Components that write (configure,
 * change, disable, apply, fix) render their controls only when this is true. Only admins write;
 * the BFF refuses a viewer's change anyway (403), this just does not offer it.
 */
export function useCanWrite(): boolean {
  return useOperator()?.role === "admin";
}
