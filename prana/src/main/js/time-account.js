/**
 * How a window's time was spent: away (page hidden), idle (no input for the idle threshold)
 * or active (the rest, including a visible page whose window lost focus).
 */

/** @return {'away'|'idle'|'active'} what the time from now on counts as */
export function timeCategory(signals, idleAfterMs) {
  if (!signals.tab_visible) return 'away';
  if (signals.inactivity_ms >= idleAfterMs) return 'idle';
  return 'active';
}

/**
 * @param {number} startedAt monotonic milliseconds
 * @param {'away'|'idle'|'active'} category what the first stretch counts as
 */
export function createTimeAccount(startedAt, category) {
  let last = startedAt;
  let current = category;
  let spent = { active_ms: 0, idle_ms: 0, away_ms: 0 };
  return {
    /** Books the time up to now to the current category. */
    advance(now) {
      if (now > last) {
        spent[`${current}_ms`] += now - last;
        last = now;
      }
    },
    /** What the time from the last advance on counts as. */
    set(next) {
      current = next;
    },
    /** Books the time up to now, then returns the totals and starts new ones. */
    take(now) {
      this.advance(now);
      const taken = spent;
      spent = { active_ms: 0, idle_ms: 0, away_ms: 0 };
      return taken;
    },
  };
}
