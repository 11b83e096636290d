import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { isApiProblem, setUnauthorizedHandler } from "./api/http.ts";
import { router } from "./router.tsx";
import "./styles.css";

const queryClient = new QueryClient({
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

setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === "/sign-in") return;
  void router.navigate(`/sign-in?returnTo=${encodeURIComponent(`${pathname}${search}`)}`);
});

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("index.html has no #root element");

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
