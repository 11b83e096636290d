/**
 * The time a piece of work allows for all of its AWS calls together. A user request gets one when
 * it arrives (src/http/deadline.ts) and hands it down through the services to the gateways, which
 * send it with every SDK call as its abort signal: the SDK then stops the HTTP attempt, its retry
 * backoff and any further retry the moment the deadline passes (a hung AWS costs a request its
 * deadline, not attempts × per-attempt timeout).
 */
export interface Deadline {
  /** Aborts when the budget is spent, or when the work it belongs to has finished. */
  readonly signal: AbortSignal;
  /** The whole budget in ms, for messages ("within 15 s"). */
  readonly budgetMs: number;
}

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

export class DeadlineEnded extends Error {
  constructor() {
    super("The work this deadline belonged to has finished.");
    this.name = "DeadlineEnded";
  }
}

/**
 * Starts a deadline of `budgetMs`. One AbortController and one unref'd timer, cleared by end():
 * not AbortSignal.timeout/any, whose timers cannot be cleared and whose combined signals Node 20
 * keeps alive longer than the request.
 */
export function startDeadline(budgetMs: number): OwnedDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlinePassed(budgetMs)), budgetMs);
  timer.unref();
  return {
    signal: controller.signal,
    budgetMs,
    end() {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort(new DeadlineEnded());
    },
  };
}

/** Runs `work` under a deadline of its own, ended when the work settles. */
export async function withDeadline<T>(
  budgetMs: number,
  work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  const deadline = startDeadline(budgetMs);
  try {
    return await work(deadline);
  } finally {
    deadline.end();
  }
}

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
