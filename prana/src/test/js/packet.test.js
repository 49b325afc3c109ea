import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { FOCUS_BASE, buildPacket, focusScore, packetContext, windowSeconds } from '../../main/js/packet.js';
import { CognitiveState as S } from '../../main/js/state-engine.js';

const CONTRACT_FIELDS = ['user_id', 'session_id', 'lesson_id', 'task_id', 'system_type', 'role', 'timestamp',
  'cognitive_state', 'active_seconds', 'idle_seconds', 'away_seconds', 'focus_score', 'raw_signals'];

const SIGNALS = { tab_visible: true, panel_focused: true, inactivity_ms: 800, dwell_time_ms: 42000, mouse_velocity: 120, rapid_click_count: 0, scroll_depth: 35 };
const COUNTS = { pointer_moves: 31, pointer_distance_px: 610, clicks: 1, keystrokes: 17, scrolls: 2, visibility_changes: 0 };

function packet(overrides = {}) {
  return buildPacket({
    context: packetContext({ userId: 'learner-7', sessionId: 's-1', systemType: 'gurukul', ...overrides.ids }),
    state: overrides.state ?? S.ON_TASK,
    time: overrides.time ?? { active_ms: 5000, idle_ms: 0, away_ms: 0 },
    signals: SIGNALS,
    counts: COUNTS,
    endedAt: Date.UTC(2026, 0, 31, 10, 15, 30, 250),
  });
}

describe('packet builder', () => {
  test('a packet has exactly the contract\'s fields, in its order, and nothing else', () => {
    const p = packet({ ids: { lessonId: 'l-3', taskId: 't-9' } });
    assert.deepEqual(Object.keys(p), CONTRACT_FIELDS);
    assert.deepEqual(p, {
      user_id: 'learner-7', session_id: 's-1', lesson_id: 'l-3', task_id: 't-9', system_type: 'gurukul', role: 'student',
      timestamp: '2026-01-31T10:15:30.250Z', cognitive_state: 'ON_TASK', active_seconds: 5, idle_seconds: 0, away_seconds: 0,
      focus_score: 75, raw_signals: { ...SIGNALS, ...COUNTS, window_ms: 5000 },
    });
  });

  test('lesson_id and task_id are left out when the page has none', () => {
    assert.deepEqual(Object.keys(packet()), CONTRACT_FIELDS.filter((f) => f !== 'lesson_id' && f !== 'task_id'));
  });

  test('the role follows the system unless given: gurukul students, ems employees', () => {
    assert.equal(packetContext({ userId: 'u', sessionId: 's', systemType: 'gurukul' }).role, 'student');
    assert.equal(packetContext({ userId: 'u', sessionId: 's', systemType: 'ems' }).role, 'employee');
    assert.equal(packetContext({ userId: 'u', sessionId: 's', systemType: 'ems', role: 'student' }).role, 'student');
  });

  test('what Bucket would refuse is refused at start, naming the option', () => {
    const ok = { userId: 'u', sessionId: 's', systemType: 'gurukul' };
    const cases = [
      [{ userId: undefined }, /userId is required/],
      [{ userId: '  ' }, /userId must be a non-empty string of at most 256/],
      [{ sessionId: 'x'.repeat(257) }, /sessionId must be/],
      [{ sessionId: 42 }, /sessionId must be/],
      [{ lessonId: '' }, /lessonId must be/],
      [{ taskId: {} }, /taskId must be/],
      [{ systemType: 'school' }, /systemType must be one of gurukul, ems, got school/],
      [{ systemType: 'toString' }, /systemType must be one of/],
      [{ role: 'teacher' }, /role must be one of student, employee, got teacher/],
    ];
    for (const [change, message] of cases) assert.throws(() => packetContext({ ...ok, ...change }), message);
    assert.equal(packetContext({ ...ok, sessionId: 'x'.repeat(256) }).session_id.length, 256);
  });

  test('seconds have one decimal and add up to the window\'s length', () => {
    assert.deepEqual(windowSeconds({ active_ms: 3333, idle_ms: 1333, away_ms: 334 }), { active: 3.4, idle: 1.3, away: 0.3 });
    assert.deepEqual(windowSeconds({ active_ms: 1666, idle_ms: 1667, away_ms: 1667 }), { active: 1.6, idle: 1.7, away: 1.7 });
    assert.deepEqual(windowSeconds({ active_ms: 0, idle_ms: 0, away_ms: 0 }), { active: 0, idle: 0, away: 0 });
    assert.deepEqual(windowSeconds({ active_ms: 2400, idle_ms: 0, away_ms: 0 }), { active: 2.4, idle: 0, away: 0 });
    for (let i = 0; i < 500; i++) {
      const parts = [Math.random(), Math.random(), Math.random()].map((r) => Math.floor(r * 5000));
      const s = windowSeconds({ active_ms: parts[0], idle_ms: parts[1], away_ms: parts[2] });
      const total = Math.round((parts[0] + parts[1] + parts[2]) / 100);
      assert.equal(Math.round((s.active + s.idle + s.away) * 10), total, JSON.stringify(parts));
      assert.ok([s.active, s.idle, s.away].every((v) => v >= 0 && Math.round(v * 10) === v * 10), JSON.stringify(s));
    }
  });

  test('focus score: the state\'s base times the active share of the window', () => {
    const full = { active: 5, idle: 0, away: 0 };
    for (const [state, base] of Object.entries(FOCUS_BASE)) assert.equal(focusScore(state, full), base, state);
    assert.equal(focusScore(S.DEEP_FOCUS, { active: 2.5, idle: 0, away: 2.5 }), 48);
    assert.equal(focusScore(S.ON_TASK, { active: 0, idle: 5, away: 0 }), 0);
    assert.equal(focusScore(S.ON_TASK, { active: 0, idle: 0, away: 0 }), 0);
    assert.equal(packet({ state: S.THINKING, time: { active_ms: 4000, idle_ms: 1000, away_ms: 0 } }).focus_score, 52);
  });

  test('every state and every split of a window gives a packet within Bucket\'s ranges', () => {
    for (const state of Object.values(S)) {
      for (let i = 0; i < 50; i++) {
        const time = { active_ms: Math.random() * 5000, idle_ms: Math.random() * 5000, away_ms: Math.random() * 5000 };
        const p = packet({ state, time });
        assert.ok(Number.isInteger(p.focus_score) && p.focus_score >= 0 && p.focus_score <= 100, JSON.stringify(p));
        for (const f of ['active_seconds', 'idle_seconds', 'away_seconds']) assert.ok(p[f] >= 0 && Number.isFinite(p[f]));
        assert.match(p.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    }
  });
});
