/**
 * Lets a caller stop waiting for a promise when a signal aborts.
 *
 * The promise itself cannot be cancelled: whatever produces it keeps going unless it also got the
 * signal. A rejection it produces after the abort is swallowed so it cannot go unhandled.
 *
 * @param promise The work to wait for.
 * @param signal When it aborts, the returned promise rejects with `signal.reason` at once.
 * @returns A promise that settles like `promise`, or rejects on abort, whichever comes first.
 * @throws {TypeError} (as a rejection) When `signal` is not an AbortSignal.
 * @throws {unknown} (as a rejection) `signal.reason`, or whatever `promise` rejects with.
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(new Error("user left")), 100);
 * await abortable(simulate("slow", 5000, "done"), controller.signal); // rejects: "user left"
 * ```
 */
export function abortable<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (!(signal instanceof AbortSignal)) {
    return Promise.reject(
      new TypeError(`Cannot wait: 'signal' must be an AbortSignal, got ${typeof signal}`),
    );
  }
  const work = Promise.resolve(promise);
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(() => {});
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on unchanged
        reject(error);
      },
    );
  });
}
