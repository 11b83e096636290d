/**
 * One writer at a time per key, inside this BFF. Shared policy documents (an account's CloudWatch Logs
 * resource policies, a log group's own policy, a bucket policy) are read, merged and written back
 * whole; two writers interleaving that cycle lose one's entry, so every such cycle runs under the
 * document's key. Other processes are not covered: revisions (where AWS has them) and reading back
 * after the write cover those.
 */
export interface KeyedMutex {
  /**
   * Runs `task` once every earlier task of the same key has settled (whether it succeeded or not),
   * and answers what `task` answers. Tasks of different keys run concurrently.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting (to check that nothing is left behind). */
  busyKeys(): string[];
}

export function createKeyedMutex(): KeyedMutex {
  // The tail of each key's chain: the promise the next task waits for. Removed when the chain drains.
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    busyKeys() {
      return [...tails.keys()];
    },
  };
}

/** The keys of the shared documents log delivery writes (one document per key). */
export const policyKeys = {
  /** All account-level CloudWatch Logs resource policies of an account and region (they share the 10 slots). */
  accountLogPolicies: (accountId: string, region: string) => `logs-account-policies|${accountId}|${region}`,
  /** The policy attached to one log group. */
  logGroupPolicy: (logGroupArn: string) => `logs-group-policy|${logGroupArn.replace(/:\*$/, "")}`,
  /** One bucket's policy (bucket names are global). */
  bucketPolicy: (bucket: string) => `s3-bucket-policy|${bucket}`,
};
