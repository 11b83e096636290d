/**
 * Whether the signed-in operator may change configurations. Components that write (configure,
 * change, disable, apply, fix) render their controls only when this is true.
 * Everyone may write until roles exist; the auth layer makes this role-based.
 */
export function useCanWrite(): boolean {
  return true;
}
