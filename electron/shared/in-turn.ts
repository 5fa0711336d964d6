// A queue for async calls that must not overlap: each starts only after the one asked for before it
// has settled, so they take effect in the order they were asked for, whatever their speed.

/** Returns `inTurn(call)`: runs `call` after every call queued before it; a failure does not stop the queue. */
export function createTurns(): <T>(call: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (call) => {
    const run = last.then(call);
    last = run.catch(() => undefined);
    return run;
  };
}
