import { type RefObject, useEffect, useRef } from "react";
import { NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { useRegions } from "../api/regions/queries.ts";
import { OperatorMenu } from "../auth/operator-menu.tsx";
import { useCanWrite } from "../auth/use-can-write.ts";
import { HelpHost } from "../help/help-host.tsx";
import { HelpLink } from "../help/help-link.tsx";
import { KeyboardShortcuts } from "./keyboard-shortcuts.tsx";
import { useFocusHeadingOnRouteChange } from "./route-focus.ts";
import { TimeZoneSwitch } from "./timestamp.tsx";

/** Says plainly what the console is talking to: a local sandbox or a real AWS account. */
function ModeIndicator() {
  const regions = useRegions();
  if (regions.isPending) return <span className="mode-pending">Connecting…</span>;
  if (regions.isError) {
    return (
      <span className="mode-error" role="status">
        Server unreachable
      </span>
    );
  }
  const { mode, accountId, regions: regionList } = regions.data;
  if (mode === "sandbox") {
    return (
      <span className="tooltip-host">
        {/* Focusable so keyboard users can read the tooltip too. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the badge carries a tooltip that must be reachable by keyboard */}
        <span className="badge badge-sandbox" tabIndex={0} aria-describedby="sandbox-tooltip">
          Sandbox
        </span>
        <span role="tooltip" id="sandbox-tooltip" className="tooltip">
          Demo data on a local AWS sandbox — nothing here touches AWS
        </span>
      </span>
    );
  }
  return (
    <span className="mode-aws">
      <span className="badge badge-aws">AWS</span>
      <span>
        Account <span className="mono">{accountId ?? "unknown"}</span>
      </span>
      <span className="muted">{regionList.join(", ")}</span>
    </span>
  );
}

/**
 * On a phone the main navigation is one line that scrolls sideways. Its strip (only it, never the
 * page) scrolls a link into view when it takes focus (the browser leaves a link half past the edge
 * where it is), and the current page's link on every change of page and when the strip narrows
 * (the operator menu arrives beside it once the session is read), so the header shows where the
 * user is. On a wider window every link is in view and nothing moves.
 */
function useNavLinksInView(nav: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path is what moves the current link
  useEffect(() => {
    const strip = nav.current;
    if (!strip) return;
    const reveal = (link: Element | null) => {
      if (!(link instanceof HTMLElement) || strip.scrollWidth <= strip.clientWidth) return;
      const stripBox = strip.getBoundingClientRect();
      const linkBox = link.getBoundingClientRect();
      if (linkBox.left >= stripBox.left && linkBox.right <= stripBox.right) return;
      strip.scrollLeft += linkBox.left - stripBox.left - (stripBox.width - linkBox.width) / 2;
    };
    const revealCurrent = () => reveal(strip.querySelector('a[aria-current="page"]'));
    const revealFocused = (event: FocusEvent) => reveal(event.target as Element | null);
    revealCurrent();
    strip.addEventListener("focusin", revealFocused);
    const observer = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(revealCurrent);
    observer?.observe(strip);
    return () => {
      strip.removeEventListener("focusin", revealFocused);
      observer?.disconnect();
    };
  }, [nav, pathname]);
}

export function AppShell() {
  const admin = useCanWrite();
  const nav = useRef<HTMLElement>(null);
  useFocusHeadingOnRouteChange();
  useNavLinksInView(nav);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Cognito Log Console
        </div>
        <nav aria-label="Main" ref={nav}>
          <ul className="nav-list">
            <li>
              <NavLink to="/" end>
                Fleet
              </NavLink>
            </li>
            <li>
              {/* `end`: a pool's page (/accounts/:id/pools/…) and the member role are not this page. */}
              <NavLink to="/accounts" end>
                Accounts
              </NavLink>
            </li>
            <li>
              <NavLink to="/standard">Standard</NavLink>
            </li>
            <li>
              <NavLink to="/batches">Batches</NavLink>
            </li>
            <li>
              <NavLink to="/audit">Audit</NavLink>
            </li>
            <li>
              <NavLink to="/accounts/member-role">Member role</NavLink>
            </li>
            {admin && (
              <li>
                <NavLink to="/notifications">Notifications</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="header-spacer" />
        <ModeIndicator />
        <TimeZoneSwitch />
        <HelpLink>Help</HelpLink>
        <OperatorMenu />
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <ScrollRestoration />
      <HelpHost />
      <KeyboardShortcuts />
    </div>
  );
}
