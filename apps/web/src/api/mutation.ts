/**
 * The hook of every write: the plain fetcher runs as the mutation, and once the BFF has answered,
 * `afterWrite` puts what it answered into the cache and invalidates exactly what the write changed.
 */
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";

export function useWrite<TData, TVariables>(
  write: (variables: TVariables) => Promise<TData>,
  afterWrite: (queryClient: QueryClient, data: TData, variables: TVariables) => unknown,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    // What afterWrite answers is awaited: a promise keeps the mutation pending until the reads it started are done.
    onSuccess: (data, variables) => afterWrite(queryClient, data, variables),
  });
}
