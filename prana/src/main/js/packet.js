/**
 * The PRANA packet: one window of a learner's or employee's attention, with exactly the
 * fields of Bucket's POST /bucket/prana/ingest (CONTRACTS section 5), valid by Bucket's rules.
 */

import { CognitiveState } from './state-engine.js';

/** The role each system's users have when the page names none. */
export const DEFAULT_ROLES = Object.freeze({ gurukul: 'student', ems: 'employee' });
const ROLES = Object.freeze(['student', 'employee']);
const MAX_TEXT = 256;

/** Focus score of a fully active window in each state; scaled by the window's active share. */
export const FOCUS_BASE = Object.freeze({
  [CognitiveState.DEEP_FOCUS]: 95,
  [CognitiveState.ON_TASK]: 75,
  [CognitiveState.THINKING]: 65,
  [CognitiveState.DISTRACTED]: 30,
  [CognitiveState.IDLE]: 10,
  [CognitiveState.OFF_TASK]: 5,
  [CognitiveState.AWAY]: 0,
});

function text(value, name, required) {
  if (value === undefined || value === null) {
    if (required) throw new TypeError(`PRANA: ${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw new TypeError(`PRANA: ${name} must be a non-empty string of at most ${MAX_TEXT} characters`);
  }
  return value;
}

/**
 * Checks who and where the packets are about, as Bucket will.
 * @param {{userId, sessionId, systemType, role?, lessonId?, taskId?}} ctx
 * @return {object} the packet's context fields
 */
export function packetContext(ctx) {
  const system = ctx.systemType;
  if (!Object.hasOwn(DEFAULT_ROLES, system)) {
    throw new TypeError(`PRANA: systemType must be one of ${Object.keys(DEFAULT_ROLES).join(', ')}, got ${String(system)}`);
  }
  const role = ctx.role ?? DEFAULT_ROLES[system];
  if (!ROLES.includes(role)) {
    throw new TypeError(`PRANA: role must be one of ${ROLES.join(', ')}, got ${String(role)}`);
  }
  const context = {
    user_id: text(ctx.userId, 'userId', true),
    session_id: text(ctx.sessionId, 'sessionId', true),
    lesson_id: text(ctx.lessonId, 'lessonId', false),
    task_id: text(ctx.taskId, 'taskId', false),
    system_type: system,
    role,
  };
  return context;
}

/**
 * Milliseconds to seconds with one decimal, the three adding up to the window's own length
 * (rounded the same way): the rounding difference goes to the largest part.
 */
export function windowSeconds({ active_ms, idle_ms, away_ms }) {
  const tenth = (ms) => Math.round(Math.max(0, ms) / 100);
  const parts = { active: tenth(active_ms), idle: tenth(idle_ms), away: tenth(away_ms) };
  const total = tenth(Math.max(0, active_ms) + Math.max(0, idle_ms) + Math.max(0, away_ms));
  const diff = total - parts.active - parts.idle - parts.away;
  if (diff !== 0) {
    const largest = Object.keys(parts).reduce((a, b) => (parts[b] > parts[a] ? b : a));
    parts[largest] = Math.max(0, parts[largest] + diff);
  }
  return { active: parts.active / 10, idle: parts.idle / 10, away: parts.away / 10 };
}

/** 0..100: the state's base score times the share of the window that was active. */
export function focusScore(state, seconds) {
  const total = seconds.active + seconds.idle + seconds.away;
  if (total <= 0) return 0;
  const score = Math.round((FOCUS_BASE[state] ?? 0) * (seconds.active / total));
  return Math.max(0, Math.min(100, score));
}

/**
 * @param {object} w
 * @param {object} w.context from packetContext
 * @param {string} w.state the cognitive state at the end of the window
 * @param {{active_ms, idle_ms, away_ms}} w.time how the window's time was spent
 * @param {object} w.signals the signals at the end of the window
 * @param {object} w.counts the window's event counts
 * @param {number} w.endedAt wall-clock milliseconds (epoch) of the window's end
 * @return {object} the packet, fields in the contract's order
 */
export function buildPacket({ context, state, time, signals, counts, endedAt }) {
  const seconds = windowSeconds(time);
  const packet = { user_id: context.user_id, session_id: context.session_id };
  if (context.lesson_id !== undefined) packet.lesson_id = context.lesson_id;
  if (context.task_id !== undefined) packet.task_id = context.task_id;
  packet.system_type = context.system_type;
  packet.role = context.role;
  packet.timestamp = new Date(endedAt).toISOString();
  packet.cognitive_state = state;
  packet.active_seconds = seconds.active;
  packet.idle_seconds = seconds.idle;
  packet.away_seconds = seconds.away;
  packet.focus_score = focusScore(state, seconds);
  packet.raw_signals = {
    ...signals,
    ...counts,
    window_ms: Math.round(Math.max(0, time.active_ms) + Math.max(0, time.idle_ms) + Math.max(0, time.away_ms)),
  };
  return packet;
}
