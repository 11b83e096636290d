/**
 * Notices when a pool changes for the worse, from the reads the console makes anyway: the fleet's
 * findings (each time a pool's findings are judged) and the delivery feature's verdicts (each time
 * a pool's delivery is read). Only a change notifies, never a read: the last state of each (pool,
 * condition) is a store row, moved atomically (`NotificationStore.transition`), so of several
 * replicas seeing the same change one notifies; a process keeps the states it has seen in memory
 * and goes to the store only when one differs.
 *
 * The first state the console sees of a pool is its baseline and notifies nothing (a new console
 * would otherwise announce every blocking pool at once). A verdict made without the facts it needs
 * (destination facts not looked up yet, a delivery read that failed: `unknown`) is not a state.
 */
import { EVENT_SOURCES, type Finding, type PoolDeliveryResponse, type WebhookEvent } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { LRUCache } from "lru-cache";
import type { NotificationStore } from "../../store/notification-types.ts";
import type { FleetDestinations } from "../fleet/findings.ts";
import type { PoolRead } from "../fleet/service.ts";

export interface TransitionWatch {
  /** The fleet judged a pool's findings (FleetService.watchFindings). */
  findings(read: PoolRead, findings: readonly Finding[], destinations: FleetDestinations): void;
  /** The delivery feature answered a pool's delivery; `accountId` when known. */
  delivery(answer: PoolDeliveryResponse, accountId: string | null, name: string | null): void;
  /** Resolves when every state change under way is stored (tests, shutdown). */
  settled(): Promise<void>;
}

/** Delivery states worth a notification when a source enters them. */
const BAD_DELIVERY = new Set(["silent", "failing"]);

/** True when every fact the findings rest on was known (not a verdict on missing facts). */
function judgedOnFacts(read: PoolRead, destinations: FleetDestinations): boolean {
  for (const source of EVENT_SOURCES) {
    const destination = read.configuration[source];
    if (!destination) continue;
    if (destinations.cachedKnowledge(destination) === null) return false;
    if (destination.kind === "logGroup" && destinations.cachedResourcePolicies(read.facts.region) === null)
      return false;
  }
  return true;
}

export function createTransitionWatch(deps: {
  store: NotificationStore;
  notify(event: WebhookEvent): void;
  log: FastifyBaseLogger;
  now?: () => number;
}): TransitionWatch {
  const now = deps.now ?? Date.now;
  /**
   * `poolKey|condition` → the state last stored; bounded (100k pools × a few conditions fit). By
   * size, not `max`: lru-cache allocates a `max` cache's whole storage up front, 16 MB of heap for
   * 400,000 entries in every console, most of which watch a few hundred pools.
   */
  const seen = new LRUCache<string, string>({ maxSize: 400_000, sizeCalculation: () => 1 });
  /** One store step at a time per (pool, condition), in the order they were seen. */
  const chains = new Map<string, Promise<void>>();

  function observe(poolKey: string, condition: string, state: string, onChange: (previous: string) => void) {
    const key = `${poolKey}|${condition}`;
    if (seen.get(key) === state) return;
    seen.set(key, state);
    const previousStep = chains.get(key) ?? Promise.resolve();
    const step = previousStep.then(async () => {
      try {
        const { changed, previous } = await deps.store.transition(poolKey, condition, state, now());
        if (changed && previous !== null) onChange(previous);
      } catch (error) {
        // Seen again at the next read: forget it so that read tries the store again.
        seen.delete(key);
        deps.log.error(
          { pool: poolKey, condition, err: String(error) },
          "storing a pool's notified state failed",
        );
      }
    });
    chains.set(key, step);
    void step.then(() => {
      if (chains.get(key) === step) chains.delete(key);
    });
  }

  return {
    findings(read, findings, destinations) {
      if (!judgedOnFacts(read, destinations)) return;
      const blocking = findings.filter((f) => f.severity === "block");
      const { facts } = read;
      const poolKey = `${facts.accountId}|${facts.region}|${facts.id}`;
      observe(poolKey, "blocking", blocking.length > 0 ? "blocking" : "clear", () => {
        if (blocking.length === 0) return;
        deps.notify({
          type: "pool.blocking",
          pool: { accountId: facts.accountId, region: facts.region, id: facts.id, name: facts.name },
          findings: blocking.map((f) => ({ id: f.id, message: f.message })),
        });
      });
    },

    delivery(answer, accountId, name) {
      const poolKey = `${accountId ?? "own"}|${answer.region}|${answer.poolId}`;
      for (const source of EVENT_SOURCES) {
        const verdict = answer.sources[source];
        if (verdict.state === "unknown") continue;
        // Per window: a 5-minute window may be silent while the day's is not; each changes on its own.
        observe(poolKey, `delivery:${source}:${answer.window.text}`, verdict.state, (previous) => {
          // A change into silent or failing (silent → failing too); a recovery is not announced.
          if (!BAD_DELIVERY.has(verdict.state)) return;
          deps.notify({
            type: "pool.delivery",
            pool: { accountId, region: answer.region, id: answer.poolId, name },
            eventSource: source,
            state: verdict.state as "silent" | "failing",
            previous,
            window: answer.window.text,
            reason: verdict.reason.message,
          });
        });
      }
    },

    async settled() {
      while (chains.size > 0) await Promise.allSettled([...chains.values()]);
    },
  };
}
