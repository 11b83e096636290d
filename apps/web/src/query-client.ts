import { QueryClient } from "@tanstack/react-query";
import { isApiProblem } from "./api/http.ts";

/**
 * AWS's refusals the BFF answers as 502 (its credentials, a member account's role) and answers
 * that were not AWS's to read: asking again gets the same answer, after seconds of waiting (a pool page in an account without the role
 * waited 4.3 s for its advice).
 */
const REFUSALS = new Set([
  "urn:clc:problem:aws-access-denied",
  "urn:clc:problem:member-role-not-assumed",
  // Someone else answered, or AWS in a shape the console does not read: the same again.
  "urn:clc:problem:aws-not-aws-answer",
  "urn:clc:problem:aws-unexpected-answer",
]);

/** Whether a failed read may work when asked again: a network blip or a 5xx might; a 4xx or a refusal will not. */
export function mayPassOnRetry(error: unknown): boolean {
  if (!isApiProblem(error)) return true;
  if (error.status >= 400 && error.status < 500) return false;
  return !REFUSALS.has(error.problem.type);
}

/**
 * The app's one query cache. Its own module so the router's loaders can start a page's first reads
 * into it before React renders (router.tsx), and main.tsx hands the same cache to React.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failureCount, error) => failureCount < 2 && mayPassOnRetry(error),
    },
    mutations: { retry: false },
  },
});
