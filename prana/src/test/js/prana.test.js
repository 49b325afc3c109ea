import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { CognitiveState as S, startPrana } from '../../main/js/prana.js';
import { fakeClock } from './support/fake-clock.js';
import { fakePage, fakeTransport } from './support/fake-page.js';

const INGEST = 'http://localhost:8001/bucket/prana/ingest';

function page(config = {}) {
  const clock = fakeClock();
  const fake = fakePage();
  const transport = fakeTransport();
  const warnings = [];
  const prana = startPrana({
    ingestUrl: INGEST, userId: 'learner-42', sessionId: 'session-1', systemType: 'gurukul', lessonId: 'lesson-7',
    window: fake.window, document: fake.document, clock, timers: clock, transport, random: () => 1,
    log: { warn: (...args) => warnings.push(args) }, ...config,
  });
  const packets = () => transport.posts.map((p) => p.packet);
  /** A user who types twice a second and moves the pointer a little. */
  const typing = () => clock.setInterval(() => { fake.key(); fake.move(20); }, 500);
  return { clock, fake, transport, prana, packets, typing, warnings };
}

describe('startPrana on a page', () => {
  test('one valid packet per 5 s, POSTed to the ingest URL, about this user and lesson', async () => {
    const { clock, transport, packets, typing } = page();
    typing();
    await clock.advanceAsync(20000);
    assert.equal(transport.posts.length, 4);
    assert.ok(transport.posts.every((p) => p.url === INGEST));
    const first = packets()[0];
    assert.deepEqual(
      { ...first, raw_signals: undefined },
      { user_id: 'learner-42', session_id: 'session-1', lesson_id: 'lesson-7', system_type: 'gurukul', role: 'student',
        timestamp: '2026-01-31T10:00:05.000Z', cognitive_state: 'ON_TASK', active_seconds: 5, idle_seconds: 0, away_seconds: 0,
        focus_score: 75, raw_signals: undefined });
    // Typing at 0.5 .. 4.5 s; the keystroke at 5 s comes after the window closed.
    assert.deepEqual({ keys: first.raw_signals.keystrokes, moves: first.raw_signals.pointer_moves, window: first.raw_signals.window_ms },
      { keys: 9, moves: 9, window: 5000 });
    assert.deepEqual(packets().map((p) => p.timestamp.slice(11, 19)), ['10:00:05', '10:00:10', '10:00:15', '10:00:20']);
  });

  test('steady calm work reaches DEEP_FOCUS: 60 s on the page, then 15 s sustained', async () => {
    const { clock, prana, packets, typing } = page();
    typing();
    await clock.advanceAsync(80000);
    assert.deepEqual(prana.transitions().map((t) => [t.at, t.to]), [[75000, S.DEEP_FOCUS]]);
    // The state is evaluated before the window closes at the same instant: the 75 s packet is DEEP_FOCUS.
    assert.deepEqual(packets().map((p) => p.cognitive_state).slice(13), ['ON_TASK', 'DEEP_FOCUS', 'DEEP_FOCUS']);
    assert.equal(packets().at(-1).focus_score, 95);
  });

  test('no input: THINKING after 5 s, IDLE after 30 s, and idle time is counted from then on', async () => {
    const { clock, prana, packets } = page();
    await clock.advanceAsync(40000);
    assert.deepEqual(prana.transitions().map((t) => [t.at, t.to]), [[5000, S.THINKING], [30000, S.IDLE]]);
    // The 30 s packet is IDLE already, its time still active: idle time counts from 30 s on.
    assert.deepEqual(packets().map((p) => [p.cognitive_state, p.active_seconds, p.idle_seconds, p.focus_score]).slice(4), [
      ['THINKING', 5, 0, 65], ['IDLE', 5, 0, 10], ['IDLE', 0, 5, 0], ['IDLE', 0, 5, 0]]);
  });

  test('a 4 s tab switch: the window so far goes by beacon, the next packet is AWAY with 4 s away', async () => {
    const { clock, fake, transport, packets, typing } = page();
    typing();
    await clock.advanceAsync(12000);
    fake.hide();
    assert.deepEqual(transport.beacons.map((b) => [b.packet.cognitive_state, b.packet.active_seconds, b.packet.raw_signals.window_ms]),
      [['ON_TASK', 2, 2000]]);
    await clock.advanceAsync(4000);
    fake.show();
    await clock.advanceAsync(1000);
    assert.deepEqual(packets().map((p) => [p.cognitive_state, p.active_seconds, p.away_seconds, p.focus_score]),
      [['ON_TASK', 5, 0, 75], ['ON_TASK', 5, 0, 75], ['AWAY', 1, 4, 0]]);
  });

  test('a long absence sends nothing while hidden and reports no window for it', async () => {
    const { clock, fake, transport, packets, typing } = page();
    typing();
    await clock.advanceAsync(12000);
    fake.hide();
    await clock.advanceAsync(300000);
    assert.equal(transport.posts.length, 2);
    assert.equal(transport.beacons.length, 1);
    fake.show();
    await clock.advanceAsync(5000);
    assert.equal(transport.posts.length, 3);
    assert.equal(packets().at(-1).raw_signals.window_ms, 5000);
    assert.equal(packets().at(-1).away_seconds, 0);
  });

  test('a blurred window is DISTRACTED and its time still counts as active', async () => {
    const { clock, fake, packets, typing } = page();
    typing();
    await clock.advanceAsync(5000);
    fake.blur();
    await clock.advanceAsync(10000);
    assert.deepEqual(packets().map((p) => [p.cognitive_state, p.active_seconds, p.focus_score]).slice(1),
      [['DISTRACTED', 5, 30], ['DISTRACTED', 5, 30]]);
  });

  test('rapid clicking is OFF_TASK', async () => {
    const { clock, fake, prana } = page();
    clock.setInterval(() => fake.click(), 300);
    await clock.advanceAsync(6000);
    assert.equal(prana.state(), S.OFF_TASK);
  });

  test('setContext changes the lesson and task of the next packets; null clears one', async () => {
    const { clock, prana, packets } = page();
    await clock.advanceAsync(5000);
    prana.setContext({ lessonId: 'lesson-8', taskId: 'task-1' });
    await clock.advanceAsync(5000);
    prana.setContext({ lessonId: null });
    await clock.advanceAsync(5000);
    assert.deepEqual(packets().map((p) => [p.lesson_id, p.task_id]), [['lesson-7', undefined], ['lesson-8', 'task-1'], [undefined, 'task-1']]);
    assert.throws(() => prana.setContext({ taskId: '' }), /taskId must be/);
  });

  test('without a sessionId each start has its own random one; ems users are employees', async () => {
    const a = page({ sessionId: undefined, systemType: 'ems', lessonId: undefined });
    const b = page({ sessionId: undefined, systemType: 'ems', lessonId: undefined });
    await a.clock.advanceAsync(5000);
    await b.clock.advanceAsync(5000);
    assert.match(a.packets()[0].session_id, /^[0-9a-f-]{36}$/);
    assert.notEqual(a.packets()[0].session_id, b.packets()[0].session_id);
    assert.equal(a.packets()[0].role, 'employee');
  });

  test('a page that loads hidden sends nothing until it is shown', async () => {
    const clock = fakeClock();
    const fake = fakePage();
    fake.document.visibilityState = 'hidden';
    const transport = fakeTransport();
    startPrana({ ingestUrl: INGEST, userId: 'u', systemType: 'gurukul', window: fake.window, document: fake.document, clock, timers: clock, transport });
    await clock.advanceAsync(30000);
    assert.deepEqual([transport.posts.length, transport.beacons.length], [0, 0]);
    fake.show();
    await clock.advanceAsync(5000);
    assert.equal(transport.posts.length, 1);
  });

  test('stop beacons what is pending and removes every listener and timer', async () => {
    const { clock, fake, transport, prana } = page();
    await clock.advanceAsync(7000);
    prana.stop();
    assert.equal(fake.listeners.length, 0);
    assert.equal(clock.pendingTimers(), 0);
    assert.equal(transport.beacons.length, 1);
    prana.stop();
  });

  test('an error inside PRANA never reaches the page; it is logged once', async () => {
    const { clock, fake, warnings } = page({ onStateChange: () => { throw new Error('listener bug'); } });
    await clock.advanceAsync(6000); // THINKING at 5 s: the listener throws
    fake.hide();
    fake.show();
    await clock.advanceAsync(10000);
    assert.equal(warnings.length, 1);
  });

  test('a wrong configuration fails at start with a message naming it', () => {
    const fake = fakePage();
    const base = { ingestUrl: INGEST, userId: 'u', systemType: 'gurukul', window: fake.window, document: fake.document, timers: fakeClock() };
    assert.throws(() => startPrana({ ...base, ingestUrl: '' }), /ingestUrl is required/);
    assert.throws(() => startPrana({ ...base, systemType: 'school' }), /systemType must be one of gurukul, ems/);
    assert.throws(() => startPrana({ ...base, userId: undefined }), /userId is required/);
    assert.throws(() => startPrana({ ...base, engine: { minStateMs: -5 } }), /minStateMs/);
    assert.throws(() => startPrana({ ...base, bridge: { timeoutMs: 5000 } }), /timeoutMs must be at most 2000/);
    assert.throws(() => startPrana({ ...base, window: undefined, document: undefined }), /needs a page/);
    assert.equal(fake.listeners.length, 0, 'a refused start leaves no listener behind');
  });
});
