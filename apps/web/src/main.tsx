import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { setUnauthorizedHandler } from "./api/http.ts";
import { sessionQuery } from "./api/session/queries.ts";
import { queryClient } from "./query-client.ts";
import { router } from "./router.tsx";
import "./styles.css";

setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === "/sign-in") return;
  // Before the session is known (the router asks for the fleet alongside it), RequireSession decides
  // where a visitor without one goes; this handler is for a session that ended while in use.
  if (!queryClient.getQueryData(sessionQuery().queryKey)) return;
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
