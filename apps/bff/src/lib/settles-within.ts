/**
 * Whether `promise` settles (resolves or rejects) within `ms`; it is not awaited beyond that, and
 * goes on alone. For waits a shutdown or a caller must not be held up by: a lease release, a sweep,
 * closing the stores. Never rejects.
 */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
