import { useParams, useSearchParams } from "react-router";

/**
 * The account of the pool a page is about: the `:accountId` of `/accounts/:accountId/pools/…`, or
 * the `account` query parameter of pages outside it (guided creation). "" when the URL names none
 * (the BFF then answers a 400/404 the page shows).
 */
export function usePoolAccount(): string {
  const { accountId } = useParams();
  const [searchParams] = useSearchParams();
  return accountId ?? searchParams.get("account") ?? "";
}
