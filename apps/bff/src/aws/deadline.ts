/**
 * The time a piece of work allows for all of its AWS calls together. A user request gets one when
 * it arrives (src/plugins/deadlines.ts) and hands it down through the services to the gateways, which
 * send it with every SDK call as its abort signal: the SDK then stops the HTTP attempt, its retry
 * backoff and any further retry the moment the deadline passes (a hung AWS costs a request its
 * deadline, not attempts × per-attempt timeout).
 */
export interface Deadline {
  /** Aborts when the budget is spent, or when the work it belongs to has finished. */
  readonly signal: AbortSignal;
  /** The whole budget in ms, for messages ("within 15 s"). */
  readonly budgetMs: number;
  /**
   * Whose work waits on this deadline, for the read pacer's queue (lib/read-pacer.ts): the reads
   * of an admin's change go before viewers' reads, which go before background work. Default "read".
   */
  readonly lane?: Lane;
}

/** The read pacer's queues, most urgent first. */
export const LANES = ["write", "read", "background"] as const;
export type Lane = (typeof LANES)[number];

/** A deadline and the right to end it: only its creator ends it. */
export interface OwnedDeadline extends Deadline {
  /** Aborts whatever still runs under this deadline (the work is over) and frees the timer. */
  end(): void;
}

/** Why a deadline's signal aborted; gateways turn the first into a 504, the second is never seen by anyone. */
export class DeadlinePassed extends Error {
  constructor(readonly budgetMs: number) {
    super(`The ${budgetMs} ms allowed for AWS calls ran out.`);
    // Not "TimeoutError": the SDK's retry classifier treats that name (also on an error's cause) as
    // transient and would retry after the deadline.
    this.name = "DeadlinePassed";
  }
}

/**
 * The reason of every deadline that ended with its work (one instance: an Error's stack capture
 * per ended deadline cost more CPU than the rest of the deadline, one per AWS call and request).
 */
export class DeadlineEnded extends Error {
  constructor() {
    super("The work this deadline belonged to has finished.");
    this.name = "DeadlineEnded";
  }
}

const DEADLINE_ENDED = new DeadlineEnded();

/**
 * Starts a deadline of `budgetMs`, of which `spentMs` have passed already (a request's deadline
 * started when the request arrived). One AbortController and one unref'd timer, cleared by end():
 * not AbortSignal.timeout/any, whose timers cannot be cleared and whose combined signals Node 20
 * keeps alive longer than the request.
 */
export function startDeadline(budgetMs: number, lane?: Lane, spentMs = 0): OwnedDeadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DeadlinePassed(budgetMs)),
    Math.max(0, budgetMs - spentMs),
  );
  timer.unref();
  return {
    signal: controller.signal,
    budgetMs,
    ...(lane ? { lane } : {}),
    end() {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort(DEADLINE_ENDED);
    },
  };
}

/**
 * Runs `work` under a deadline of its own, ended when the work settles. `lane`: whose work it is
 * (the confirmation read after an admin's change is "write"; default "read").
 */
export async function withDeadline<T>(
  budgetMs: number,
  work: (deadline: Deadline) => Promise<T>,
  lane?: Lane,
): Promise<T> {
  const deadline = startDeadline(budgetMs, lane);
  try {
    return await work(deadline);
  } finally {
    deadline.end();
  }
}

/**
 * The budget of background work (the fleet read that fills the cache): it bounds the time spent
 * with AWS — each attempt, its retries and their backoff — but not the waits for the read quota
 * (a pacer slot, a token), which the fleet read itself makes long: 600 reads at 10/s wait a minute
 * in the queue, and a budget that counted the queue cut off every read queued past it (issue 11).
 * Waits are excluded by `excludingQuotaWait` on the deadline's signal. Lane "background".
 */
export function startBackgroundBudget(budgetMs: number): OwnedDeadline {
  const controller = new AbortController();
  let remainingMs = budgetMs;
  let runningSince = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waits = 0;
  const run = () => {
    runningSince = Date.now();
    timer = setTimeout(() => controller.abort(new DeadlinePassed(budgetMs)), Math.max(0, remainingMs));
    timer.unref();
  };
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    remainingMs -= Date.now() - runningSince;
  };
  run();
  pausable.set(controller.signal, async <T>(wait: Promise<T>): Promise<T> => {
    if (controller.signal.aborted) return wait;
    if (waits++ === 0) stop();
    try {
      return await wait;
    } finally {
      if (--waits === 0 && !controller.signal.aborted) run();
    }
  });
  return {
    signal: controller.signal,
    budgetMs,
    lane: "background",
    end() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!controller.signal.aborted) controller.abort(DEADLINE_ENDED);
    },
  };
}

/** The signals of background budgets, with how they pause for a wait. */
const pausable = new WeakMap<AbortSignal, <T>(wait: Promise<T>) => Promise<T>>();

/**
 * Waits for the read quota under `signal`: a background budget does not count the wait (see
 * startBackgroundBudget); a user request's deadline does, as the user waits for it too.
 */
export function excludingQuotaWait<T>(signal: AbortSignal, wait: Promise<T>): Promise<T> {
  const pause = pausable.get(signal);
  return pause ? pause(wait) : wait;
}

/**
 * A signal of one call's own that aborts with `parent` (same reason), for the SDK and our races to
 * listen on. `parent` gets one listener however many calls share it: a request's deadline is shared
 * by every call of the request (a destination search sends up to 200 at once), and a listener per
 * call (the SDK adds one per attempt, we add one per race) passed Node's limit of 10 per signal
 * (MaxListenersExceededWarning in the e2e run). `release()` once the call settled.
 */
export function childSignal(parent: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, release() {} };
  }
  let children = childrenOf.get(parent);
  if (!children) {
    const set = new Set<AbortController>();
    children = set;
    childrenOf.set(parent, set);
    parent.addEventListener(
      "abort",
      () => {
        for (const child of set) child.abort(parent.reason);
        set.clear();
      },
      { once: true },
    );
  }
  const set = children;
  set.add(controller);
  // A child signal is a background budget's too: quota waits under it are excluded the same way.
  const pause = pausable.get(parent);
  if (pause) pausable.set(controller.signal, pause);
  return { signal: controller.signal, release: () => set.delete(controller) };
}

const childrenOf = new WeakMap<AbortSignal, Set<AbortController>>();

/** Settles with `promise`, or rejects as soon as `signal` aborts (the promise's work is left to its own signal). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
