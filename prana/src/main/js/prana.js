/**
 * PRANA for a page: wires signal capture, the state engine, the packet builder and the
 * bridge to Bucket. See prana/README.md for embedding and configuration.
 *
 *   import { startPrana } from './prana.js';
 *   const prana = startPrana({ ingestUrl: '/bucket/prana/ingest', userId: 'learner-42', systemType: 'gurukul' });
 */

import { bridgeOptions, createBridge } from './bridge.js';
import { buildPacket, packetContext } from './packet.js';
import { createSignalCapture } from './signals.js';
import { createStateEngine, engineOptions } from './state-engine.js';
import { createTimeAccount, timeCategory } from './time-account.js';
import { browserTransport } from './transport.js';

export { CognitiveState } from './state-engine.js';

function newSessionId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Starts PRANA on a page.
 *
 * @param {object} config
 * @param {string} config.ingestUrl Bucket's /bucket/prana/ingest (absolute, or relative to the page)
 * @param {string} config.userId who is on the page
 * @param {'gurukul'|'ems'} config.systemType
 * @param {'student'|'employee'} [config.role] default: student on gurukul, employee on ems
 * @param {string} [config.sessionId] default: a new random id per start
 * @param {string} [config.lessonId]
 * @param {string} [config.taskId]
 * @param {object} [config.engine] state engine options (state-engine.js ENGINE_DEFAULTS)
 * @param {object} [config.bridge] bridge options (bridge.js BRIDGE_DEFAULTS)
 * @param {(transition: object) => void} [config.onStateChange]
 * @param {object} [config.window] [config.document] [config.clock] [config.timers] [config.transport]
 *        [config.random] [config.log] replace the page's own (tests)
 * @return {{state, transitions, stats, setContext, stop}}
 */
export function startPrana(config) {
  const {
    ingestUrl,
    engine: engineConfig = {},
    bridge: bridgeConfig = {},
    onStateChange = () => {},
    window: win = globalThis.window,
    document: doc = globalThis.document,
    clock = { now: () => performance.now(), wall: () => Date.now() },
    timers = globalThis,
    transport = browserTransport(),
    random = Math.random,
    log = console,
  } = config;
  if (typeof ingestUrl !== 'string' || ingestUrl.trim() === '') {
    throw new TypeError('PRANA: ingestUrl is required (Bucket\'s /bucket/prana/ingest)');
  }
  if (!win || !doc) throw new TypeError('PRANA: needs a page (window and document)');
  const ids = { ...config, sessionId: config.sessionId ?? newSessionId() };
  let context = packetContext(ids);
  const opts = engineOptions(engineConfig);
  const bridgeOpts = bridgeOptions(bridgeConfig); // checked before any listener is added

  const startedAt = clock.now();
  const capture = createSignalCapture({ window: win, document: doc, now: () => clock.now() });
  const engine = createStateEngine({ startedAt, options: opts, onChange: (t) => guard(() => onStateChange(t)) });
  const account = createTimeAccount(startedAt, timeCategory(capture.snapshot(startedAt), opts.idleAfterMs));

  let warned = false;
  function guard(action) {
    // Nothing PRANA does may throw into the page.
    try {
      return action();
    } catch (error) {
      if (!warned) log.warn('PRANA: internal error, telemetry may be incomplete', error);
      warned = true;
      return undefined;
    }
  }

  function evaluate() {
    const now = clock.now();
    const signals = capture.snapshot(now);
    engine.evaluate(now, signals);
    account.advance(now);
    account.set(timeCategory(signals, opts.idleAfterMs));
  }

  function closeWindow(start, end) {
    const signals = capture.snapshot(end);
    return buildPacket({
      context,
      state: engine.current(),
      time: account.take(end),
      signals,
      counts: capture.takeCounts(),
      endedAt: clock.wall(),
    });
  }

  const bridge = createBridge({
    url: ingestUrl, clock, timers, transport, closeWindow, options: bridgeOpts, random, log,
  });

  capture.onVisibility((visible, t) => guard(() => {
    if (visible) {
      account.advance(t);
      account.set(timeCategory(capture.snapshot(t), opts.idleAfterMs));
      bridge.pageShown(t);
    } else {
      bridge.pageHidden(t);
      account.advance(t);
      account.set('away');
    }
  }));

  const interval = timers.setInterval(() => guard(evaluate), opts.evaluateEveryMs);
  bridge.start(startedAt);
  if (doc.visibilityState === 'hidden') {
    account.set('away');
    bridge.pageHidden(startedAt);
  }

  let stopped = false;
  return {
    /** @return {string} the current cognitive state */
    state: () => engine.current(),
    /** @return {object[]} the last state transitions, oldest first */
    transitions: () => engine.transitions(),
    /** @return {object} the bridge's counters (sent, queued, beaconed, dropped, ...) */
    stats: () => bridge.stats(),
    /** Changes the lesson or task the next packets are about (null clears it). */
    setContext({ lessonId = context.lesson_id, taskId = context.task_id } = {}) {
      context = packetContext({ ...ids, lessonId, taskId });
    },
    /** Sends what is pending by beacon, removes every listener and timer. */
    stop() {
      if (stopped) return;
      stopped = true;
      timers.clearInterval(interval);
      guard(() => bridge.stop(clock.now()));
      capture.detach();
    },
  };
}
