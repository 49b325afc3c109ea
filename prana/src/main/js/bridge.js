/**
 * The bridge to Bucket: closes one window every windowMs, queues its packet and POSTs the
 * queue oldest first, one request at a time. While Bucket is unreachable the queue (bounded,
 * oldest dropped first) is retried with exponential backoff. When the page is hidden the
 * open window is closed and everything queued is handed to sendBeacon; while it stays
 * hidden nothing is sent. All time, timers and I/O are injected.
 */

export const BRIDGE_DEFAULTS = Object.freeze({
  /** Length of one telemetry window: one packet per window. */
  windowMs: 5000,
  /** A window cut short by a page hide is sent only if it lasted this long. */
  minWindowMs: 1000,
  /** Most packets waiting for Bucket; the oldest is dropped beyond. */
  queueLimit: 60,
  /** Longest one POST may take. */
  timeoutMs: 2000,
  /** First retry delay after a failure; doubled after each further failure... */
  backoffInitialMs: 1000,
  /** ...up to this. */
  backoffMaxMs: 60000,
});

/** @return {object} the options, completed with defaults; a wrong option throws naming it */
export function bridgeOptions(options = {}) {
  const opts = { ...BRIDGE_DEFAULTS, ...options };
  for (const key of Object.keys(BRIDGE_DEFAULTS)) {
    if (typeof opts[key] !== 'number' || !Number.isFinite(opts[key]) || opts[key] <= 0) {
      throw new TypeError(`PRANA: bridge option ${key} must be a number > 0, got ${String(options[key])}`);
    }
  }
  if (!Number.isInteger(opts.queueLimit) || opts.queueLimit < 2) throw new RangeError('PRANA: bridge option queueLimit must be a whole number >= 2 (one packet in flight, one waiting)');
  if (opts.timeoutMs > 2000) throw new RangeError('PRANA: bridge option timeoutMs must be at most 2000 (the stack\'s outbound budget)');
  if (opts.minWindowMs > opts.windowMs) throw new RangeError('PRANA: bridge option minWindowMs must not exceed windowMs');
  if (opts.backoffInitialMs > opts.backoffMaxMs) throw new RangeError('PRANA: bridge option backoffInitialMs must not exceed backoffMaxMs');
  return opts;
}

/** 408 and 429 say "later"; every other 4xx refuses this packet for good. */
function refusedForGood(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * @param {object} deps
 * @param {string} deps.url Bucket's /bucket/prana/ingest
 * @param {{now: () => number}} deps.clock monotonic milliseconds
 * @param {{setTimeout: Function, clearTimeout: Function}} deps.timers
 * @param {{post: (url, body, {timeoutMs}) => Promise<{status: number}>, beacon: (url, body) => boolean}} deps.transport
 * @param {(start: number, end: number) => object} deps.closeWindow builds the packet of [start, end]
 * @param {object} [deps.options] see BRIDGE_DEFAULTS
 * @param {() => number} [deps.random] in [0, 1), spreads the retries of many pages
 * @param {{warn: Function}} [deps.log]
 */
export function createBridge({ url, clock, timers, transport, closeWindow, options = {}, random = Math.random, log = console }) {
  const opts = bridgeOptions(options);
  const queue = []; // {body}, oldest first
  const stats = { windows: 0, sent: 0, beaconed: 0, rejected: 0, dropped: 0, discarded_windows: 0, failed_attempts: 0, last_error: null };
  let windowStart = null;
  let windowTimer = null;
  let retryTimer = null;
  let inFlight = null;
  let failures = 0;
  let hidden = false;
  let hiddenAt = null;
  let stopped = false;

  const scheduleWindow = (now) => {
    timers.clearTimeout(windowTimer);
    windowTimer = timers.setTimeout(onWindowEnd, Math.max(0, windowStart + opts.windowMs - now));
  };

  function onWindowEnd() {
    windowTimer = null;
    if (hidden || stopped) return;
    const now = clock.now();
    enqueue(closeWindow(windowStart, now));
    windowStart = now;
    scheduleWindow(now);
    pump();
  }

  function enqueue(packet) {
    stats.windows++;
    if (queue.length >= opts.queueLimit) {
      // Never drop the request in flight: its answer removes it.
      queue.splice(queue[0] === inFlight ? 1 : 0, 1);
      stats.dropped++;
    }
    queue.push({ body: JSON.stringify(packet) });
  }

  function pump() {
    if (hidden || stopped || inFlight || retryTimer !== null || queue.length === 0) return;
    const entry = queue[0];
    inFlight = entry;
    let attempt;
    try {
      attempt = Promise.resolve(transport.post(url, entry.body, { timeoutMs: opts.timeoutMs }));
    } catch (error) {
      attempt = Promise.reject(error);
    }
    attempt.then((res) => settle(entry, res && res.status, null), (error) => settle(entry, 0, error));
  }

  function settle(entry, status, error) {
    inFlight = null;
    const index = queue.indexOf(entry);
    if (status >= 200 && status < 300) {
      if (index >= 0) queue.splice(index, 1);
      stats.sent++;
      failures = 0;
    } else if (refusedForGood(status)) {
      if (index >= 0) queue.splice(index, 1);
      stats.rejected++;
      stats.last_error = `HTTP ${status}`;
      log.warn(`PRANA: Bucket refused a packet with HTTP ${status}; it is dropped, not retried`);
    } else {
      failures++;
      stats.failed_attempts++;
      stats.last_error = error ? String(error.message || error) : `HTTP ${status}`;
      if (stopped) return;
      const full = Math.min(opts.backoffMaxMs, opts.backoffInitialMs * 2 ** (failures - 1));
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        pump();
      }, full / 2 + random() * (full / 2));
      return;
    }
    pump();
  }

  function beaconQueue() {
    while (queue.length > 0) {
      const entry = queue.find((e) => e !== inFlight);
      if (!entry) return;
      let accepted = false;
      try {
        accepted = transport.beacon(url, entry.body) === true;
      } catch (error) {
        accepted = false;
      }
      // The browser refuses beacons once its quota is used up: keep the rest for later.
      if (!accepted) return;
      queue.splice(queue.indexOf(entry), 1);
      stats.beaconed++;
    }
  }

  return {
    /** Opens the first window at now. */
    start(now) {
      windowStart = now;
      scheduleWindow(now);
    },
    /** The page was hidden (or is being unloaded) at now. */
    pageHidden(now) {
      if (hidden || stopped) return;
      hidden = true;
      hiddenAt = now;
      timers.clearTimeout(windowTimer);
      windowTimer = null;
      if (now - windowStart >= opts.minWindowMs) {
        enqueue(closeWindow(windowStart, now));
        windowStart = now;
      }
      beaconQueue();
    },
    /** The page is visible again at now. */
    pageShown(now) {
      if (!hidden || stopped) return;
      hidden = false;
      if (now - hiddenAt >= opts.windowMs) {
        // Hidden longer than a window: that time is not reported; a fresh window starts.
        closeWindow(windowStart, now);
        stats.discarded_windows++;
        windowStart = now;
      }
      scheduleWindow(now);
      pump();
    },
    /** Closes the open window and beacons the queue (as a page hide does), then stops. */
    stop(now) {
      if (stopped) return;
      if (!hidden) this.pageHidden(now);
      stopped = true;
      timers.clearTimeout(windowTimer);
      timers.clearTimeout(retryTimer);
      windowTimer = null;
      retryTimer = null;
    },
    /** @return {object} counters and the queue's state, for a status display */
    stats() {
      return { ...stats, queued: queue.length, in_flight: inFlight !== null, backing_off: retryTimer !== null, hidden };
    },
    options: opts,
  };
}
