import { QueryClient } from "@tanstack/react-query";
import { isApiProblem } from "./api/http.ts";

/**
 * The app's one query cache. Its own module so the router's loaders can start a page's first reads
 * into it before React renders (router.tsx), and main.tsx hands the same cache to React.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not get better by asking again; network blips and 5xx might.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiProblem(error) && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});
