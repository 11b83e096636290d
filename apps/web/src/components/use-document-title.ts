import { useEffect } from "react";

const PRODUCT = "Cognito Log Console";

/** Names the browser tab and history entry after the page, so back/forward menus say where they go. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT}` : PRODUCT;
  }, [title]);
}
