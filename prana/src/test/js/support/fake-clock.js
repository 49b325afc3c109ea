/**
 * A fake clock and timers: time moves only when a test advances it, and due timers run in
 * time order (then in the order they were set) at their own instant.
 */
export function fakeClock(wallStart = Date.UTC(2026, 0, 31, 10, 0, 0)) {
  let t = 0;
  let seq = 0;
  const pending = new Map();

  const add = (fn, ms, every) => {
    const id = ++seq;
    pending.set(id, { id, at: t + Math.max(0, Number(ms) || 0), fn, every });
    return id;
  };
  const next = (until) => {
    let due = null;
    for (const timer of pending.values()) {
      if (timer.at <= until && (due === null || timer.at < due.at || (timer.at === due.at && timer.id < due.id))) due = timer;
    }
    return due;
  };
  const fire = (timer) => {
    t = timer.at;
    if (timer.every !== undefined) {
      timer.at = t + Math.max(1, timer.every);
    } else {
      pending.delete(timer.id);
    }
    timer.fn();
  };

  return {
    now: () => t,
    wall: () => wallStart + t,
    setTimeout: (fn, ms) => add(fn, ms),
    clearTimeout: (id) => { pending.delete(id); },
    setInterval: (fn, ms) => add(fn, ms, Number(ms) || 0),
    clearInterval: (id) => { pending.delete(id); },
    /** Runs every timer due within ms, each at its instant, then sets the time to now + ms. */
    advance(ms) {
      const until = t + ms;
      for (let due = next(until); due; due = next(until)) fire(due);
      t = until;
    },
    /** As advance, letting promises settle after each timer (for an asynchronous transport). */
    async advanceAsync(ms) {
      const until = t + ms;
      await settle();
      for (let due = next(until); due; due = next(until)) {
        fire(due);
        await settle();
      }
      t = until;
      await settle();
    },
    pendingTimers: () => pending.size,
  };
}

/** Lets every queued promise callback run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}
