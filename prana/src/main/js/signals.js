/**
 * Signal capture: turns the page's raw input events into a small snapshot of attention
 * signals. Listeners are passive and do a few arithmetic operations each, so they never
 * delay scrolling, typing or a click. Nothing identifying is kept: no key values, no pointer
 * positions beyond the last one (for distance), no element or URL.
 */

export const SIGNAL_DEFAULTS = Object.freeze({
  /** Pointer velocity is the distance moved in this last stretch of time, per second. */
  velocityWindowMs: 1000,
  /** rapid_click_count counts the clicks (pointer downs) in this last stretch of time. */
  rapidClickWindowMs: 2000,
});

const INPUT = { passive: true, capture: true };
// focus/blur do not bubble; without capture, only the window's own focus changes reach us.
const OWN = { passive: true };

function zeroCounts() {
  return { pointer_moves: 0, pointer_distance_px: 0, clicks: 0, keystrokes: 0, scrolls: 0, visibility_changes: 0 };
}

/**
 * @param {object} deps
 * @param {EventTarget & {innerHeight?: number, scrollY?: number}} deps.window the page's window
 * @param {EventTarget & {visibilityState?: string, hasFocus?: () => boolean, documentElement?: object}} deps.document
 * @param {() => number} deps.now monotonic milliseconds
 * @param {object} [deps.options] see SIGNAL_DEFAULTS
 */
export function createSignalCapture({ window: win, document: doc, now, options = {} }) {
  const opts = { ...SIGNAL_DEFAULTS, ...options };
  const start = now();
  let lastActivity = start;
  let visible = doc.visibilityState !== 'hidden';
  let focused = typeof doc.hasFocus === 'function' ? doc.hasFocus() : true;
  let attentiveSince = visible && focused ? start : null;
  let lastPointer = null;
  const moves = []; // [time, distance] pairs, oldest first
  const clicks = []; // times, oldest first
  let counts = zeroCounts();
  const visibilityListeners = [];
  const attached = [];

  const prune = (t) => {
    while (moves.length && t - moves[0][0] >= opts.velocityWindowMs) moves.shift();
    while (clicks.length && t - clicks[0] >= opts.rapidClickWindowMs) clicks.shift();
  };
  const activity = (t) => { lastActivity = t; };
  const attention = (t) => {
    const attentive = visible && focused;
    if (attentive && attentiveSince === null) attentiveSince = t;
    if (!attentive) attentiveSince = null;
  };
  const notifyVisibility = (isVisible, t, reason) => {
    for (const listener of visibilityListeners) listener(isVisible, t, reason);
  };

  const handlers = {
    pointermove(e) {
      const t = now();
      const x = Number(e.clientX) || 0;
      const y = Number(e.clientY) || 0;
      if (lastPointer) {
        const d = Math.hypot(x - lastPointer.x, y - lastPointer.y);
        moves.push([t, d]);
        counts.pointer_distance_px += d;
      }
      lastPointer = { x, y };
      counts.pointer_moves++;
      prune(t);
      activity(t);
    },
    pointerdown() {
      const t = now();
      clicks.push(t);
      counts.clicks++;
      prune(t);
      activity(t);
    },
    keydown(e) {
      // A held key repeats: that is one keystroke, not typing.
      if (!e.repeat) counts.keystrokes++;
      activity(now());
    },
    scroll() {
      counts.scrolls++;
      activity(now());
    },
    wheel() {
      activity(now());
    },
    focus(e) {
      if (e.target !== win) return;
      const t = now();
      focused = true;
      attention(t);
      activity(t);
    },
    blur(e) {
      if (e.target !== win) return;
      focused = false;
      attention(now());
    },
    visibilitychange() {
      const t = now();
      const nowVisible = doc.visibilityState !== 'hidden';
      if (nowVisible === visible) return;
      visible = nowVisible;
      counts.visibility_changes++;
      if (visible) {
        // Coming back to a tab usually also focuses it; some browsers fire no focus event.
        focused = typeof doc.hasFocus === 'function' ? doc.hasFocus() : true;
        activity(t);
      }
      attention(t);
      notifyVisibility(visible, t, 'visibilitychange');
    },
    pagehide() {
      // The page is being unloaded or put in the back-forward cache, possibly without a
      // visibilitychange first.
      const t = now();
      if (!visible) return;
      visible = false;
      attention(t);
      notifyVisibility(false, t, 'pagehide');
    },
    pageshow(e) {
      // Restored from the back-forward cache.
      if (!e.persisted || visible) return;
      const t = now();
      visible = doc.visibilityState !== 'hidden';
      if (!visible) return;
      activity(t);
      attention(t);
      notifyVisibility(true, t, 'pageshow');
    },
  };

  const on = (target, type, options) => {
    const listener = handlers[type];
    target.addEventListener(type, listener, options);
    attached.push([target, type, listener, options]);
  };
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel']) on(win, type, INPUT);
  for (const type of ['focus', 'blur', 'pagehide', 'pageshow']) on(win, type, OWN);
  on(doc, 'visibilitychange', OWN);

  function scrollDepth() {
    const root = doc.documentElement || {};
    const scrollable = (Number(root.scrollHeight) || 0) - (Number(win.innerHeight) || 0);
    if (scrollable <= 0) return 100;
    const top = Number(win.scrollY ?? root.scrollTop) || 0;
    return Math.max(0, Math.min(100, Math.round((top / scrollable) * 100)));
  }

  return {
    /**
     * The signals at time t. Layout is read here (once per evaluation), never in a listener.
     * @param {number} t monotonic milliseconds
     */
    snapshot(t) {
      prune(t);
      const distance = moves.reduce((sum, m) => sum + m[1], 0);
      return {
        tab_visible: visible,
        panel_focused: focused,
        inactivity_ms: Math.max(0, Math.round(t - lastActivity)),
        dwell_time_ms: attentiveSince === null ? 0 : Math.max(0, Math.round(t - attentiveSince)),
        mouse_velocity: Math.round(distance / (opts.velocityWindowMs / 1000)),
        rapid_click_count: clicks.length,
        scroll_depth: scrollDepth(),
      };
    },
    /** The event counts since the last call, and a fresh count from now on. */
    takeCounts() {
      const taken = counts;
      taken.pointer_distance_px = Math.round(taken.pointer_distance_px);
      counts = zeroCounts();
      return taken;
    },
    /** @param {(visible: boolean, t: number, reason: string) => void} listener */
    onVisibility(listener) {
      visibilityListeners.push(listener);
    },
    /** Removes every listener this capture added. */
    detach() {
      for (const [target, type, listener, options] of attached) target.removeEventListener(type, listener, options);
      attached.length = 0;
      visibilityListeners.length = 0;
    },
  };
}
