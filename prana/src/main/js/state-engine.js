/**
 * The cognitive-state engine: one state at a time, chosen by fixed rules from the signals,
 * evaluated once a second. The rules and their order are in prana/README.md ("State rules");
 * keep the two in step.
 */

export const CognitiveState = Object.freeze({
  ON_TASK: 'ON_TASK',
  THINKING: 'THINKING',
  IDLE: 'IDLE',
  DISTRACTED: 'DISTRACTED',
  AWAY: 'AWAY',
  OFF_TASK: 'OFF_TASK',
  DEEP_FOCUS: 'DEEP_FOCUS',
});

export const ENGINE_DEFAULTS = Object.freeze({
  /** How often the page evaluates the state. */
  evaluateEveryMs: 1000,
  /** Least time between two state changes (and from the start to the first change). */
  minStateMs: 5000,
  /** How long the DEEP_FOCUS conditions must hold, at every evaluation, before DEEP_FOCUS. */
  deepFocusSustainMs: 15000,
  /** DEEP_FOCUS needs this long visible and focused without a break. */
  deepFocusDwellMs: 60000,
  /** DEEP_FOCUS needs input within this long. */
  deepFocusMaxInactivityMs: 10000,
  /** DEEP_FOCUS needs the pointer slower than this (px/s). */
  deepFocusMaxVelocity: 300,
  /** THINKING from this long without input... */
  thinkingAfterMs: 5000,
  /** ...IDLE from this long without input. */
  idleAfterMs: 30000,
  /** OFF_TASK at this many clicks within the rapid-click window... */
  offTaskClicks: 3,
  /** ...or a pointer faster than this (px/s). */
  offTaskVelocity: 2500,
});

const MAX_TRANSITIONS = 100;

/** @return {object} the options, completed with defaults; a wrong option throws naming it */
export function engineOptions(options = {}) {
  const opts = { ...ENGINE_DEFAULTS, ...options };
  for (const key of Object.keys(ENGINE_DEFAULTS)) {
    if (typeof opts[key] !== 'number' || !Number.isFinite(opts[key]) || opts[key] < 0) {
      throw new TypeError(`PRANA: engine option ${key} must be a number >= 0, got ${String(options[key])}`);
    }
  }
  if (opts.thinkingAfterMs >= opts.idleAfterMs) {
    throw new RangeError('PRANA: engine option thinkingAfterMs must be below idleAfterMs');
  }
  return opts;
}

/** Whether the signals meet the DEEP_FOCUS conditions (before the 15 s sustain). */
export function deepFocusConditions(s, opts) {
  return s.tab_visible && s.panel_focused
    && s.dwell_time_ms >= opts.deepFocusDwellMs
    && s.inactivity_ms < opts.deepFocusMaxInactivityMs
    && s.mouse_velocity < opts.deepFocusMaxVelocity
    && s.rapid_click_count < opts.offTaskClicks;
}

/**
 * The state the signals call for, first rule that matches.
 * @param {object} s signals (see signals.js)
 * @param {number} deepHeldMs how long the DEEP_FOCUS conditions have held
 * @param {object} opts engine options
 * @return {{state: string, reason: string}}
 */
export function candidateState(s, deepHeldMs, opts) {
  if (!s.tab_visible) return { state: CognitiveState.AWAY, reason: 'page hidden' };
  if (!s.panel_focused) return { state: CognitiveState.DISTRACTED, reason: 'window lost focus' };
  if (s.inactivity_ms >= opts.idleAfterMs) return { state: CognitiveState.IDLE, reason: `no input for ${s.inactivity_ms} ms` };
  if (s.rapid_click_count >= opts.offTaskClicks) return { state: CognitiveState.OFF_TASK, reason: `${s.rapid_click_count} rapid clicks` };
  if (s.mouse_velocity > opts.offTaskVelocity) return { state: CognitiveState.OFF_TASK, reason: `pointer at ${s.mouse_velocity} px/s` };
  if (deepHeldMs >= opts.deepFocusSustainMs) return { state: CognitiveState.DEEP_FOCUS, reason: `calm and focused for ${deepHeldMs} ms` };
  if (s.inactivity_ms >= opts.thinkingAfterMs) return { state: CognitiveState.THINKING, reason: `pause of ${s.inactivity_ms} ms` };
  return { state: CognitiveState.ON_TASK, reason: 'recent input' };
}

/**
 * @param {object} deps
 * @param {number} deps.startedAt monotonic milliseconds; the engine starts ON_TASK then
 * @param {object} [deps.options] see ENGINE_DEFAULTS
 * @param {(transition: object) => void} [deps.onChange] called after each change
 */
export function createStateEngine({ startedAt, options = {}, onChange = () => {} }) {
  const opts = engineOptions(options);
  let state = CognitiveState.ON_TASK;
  let changedAt = startedAt;
  let deepSince = null;
  const transitions = [];

  return {
    /**
     * Evaluates the signals at time now; changes the state when the rules call for another
     * one and the last change is at least minStateMs old.
     * @return {string} the state after this evaluation
     */
    evaluate(now, signals) {
      // The sustain clock runs whatever the cooldown: it measures the signals, not the state.
      if (deepFocusConditions(signals, opts)) {
        if (deepSince === null) deepSince = now;
      } else {
        deepSince = null;
      }
      const candidate = candidateState(signals, deepSince === null ? -1 : now - deepSince, opts);
      if (candidate.state !== state && now - changedAt >= opts.minStateMs) {
        const transition = { at: now, from: state, to: candidate.state, reason: candidate.reason, after_ms: now - changedAt };
        state = candidate.state;
        changedAt = now;
        transitions.push(transition);
        if (transitions.length > MAX_TRANSITIONS) transitions.shift();
        onChange(transition);
      }
      return state;
    },
    /** @return {string} the current state */
    current() {
      return state;
    },
    /** @return {number} when the current state began (monotonic milliseconds) */
    since() {
      return changedAt;
    },
    /** @return {object[]} the last transitions, oldest first */
    transitions() {
      return transitions.slice();
    },
    options: opts,
  };
}
