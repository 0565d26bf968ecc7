// Results of pure functions kept per process, for work a page repeats on every request (time-zone
// arithmetic, dates written out). Emptied when full: keys come from data, so they must not grow
// without end.

/** `make`'s result for `key`, worked out once until `limit` keys are kept. */
export function remembered<V>(limit: number): (key: string, make: () => V) => V {
  const kept = new Map<string, V>();
  return (key, make) => {
    let value = kept.get(key);
    if (value === undefined) {
      if (kept.size >= limit) kept.clear();
      value = make();
      kept.set(key, value);
    }
    return value;
  };
}
