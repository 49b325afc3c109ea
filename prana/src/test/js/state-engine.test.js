import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { CognitiveState as S, ENGINE_DEFAULTS, candidateState, createStateEngine, engineOptions } from '../../main/js/state-engine.js';

const STATES = Object.values(S);

/** Signals that call for each state (DEEP_FOCUS: once they have held for 15 s). */
function signalsFor(state) {
  const calm = { tab_visible: true, panel_focused: true, inactivity_ms: 500, dwell_time_ms: 1000, mouse_velocity: 100, rapid_click_count: 0, scroll_depth: 0 };
  switch (state) {
    case S.ON_TASK: return calm;
    case S.THINKING: return { ...calm, inactivity_ms: 6000 };
    case S.IDLE: return { ...calm, inactivity_ms: 31000 };
    case S.DISTRACTED: return { ...calm, panel_focused: false, dwell_time_ms: 0 };
    case S.AWAY: return { ...calm, tab_visible: false, dwell_time_ms: 0 };
    case S.OFF_TASK: return { ...calm, rapid_click_count: 3 };
    case S.DEEP_FOCUS: return { ...calm, dwell_time_ms: 70000, inactivity_ms: 1000 };
    default: throw new Error(state);
  }
}

/** Evaluates once a second, as the page does, from `from` (exclusive) to `to` (inclusive). */
function run(engine, from, to, signals) {
  for (let t = from + 1000; t <= to; t += 1000) engine.evaluate(t, signals);
  return engine.current();
}

/** Drives a new engine into `state`; returns it and when the state began. */
function engineIn(state) {
  const engine = createStateEngine({ startedAt: 0 });
  if (state === S.ON_TASK) return { engine, enteredAt: 0 };
  let t = 0;
  while (engine.current() !== state) {
    t += 1000;
    engine.evaluate(t, signalsFor(state));
    assert.ok(t <= 30000, `could not reach ${state}`);
  }
  return { engine, enteredAt: t };
}

describe('state engine: every transition, with its cooldown', () => {
  for (const from of STATES) {
    for (const to of STATES.filter((s) => s !== from && s !== S.DEEP_FOCUS)) {
      // Signals for the new state from the first evaluation after the change: the change
      // waits for the 5 s minimum, then happens at the first evaluation.
      test(`${from} -> ${to} exactly 5 s after entering ${from}`, () => {
        const { engine, enteredAt } = engineIn(from);
        const changeAt = enteredAt + ENGINE_DEFAULTS.minStateMs;

        assert.equal(run(engine, enteredAt, changeAt - 1000, signalsFor(to)), from);
        assert.equal(run(engine, changeAt - 1000, changeAt, signalsFor(to)), to);

        const last = engine.transitions().at(-1);
        assert.deepEqual({ at: last.at, from: last.from, to: last.to, after_ms: last.after_ms },
          { at: changeAt, from, to, after_ms: ENGINE_DEFAULTS.minStateMs });
        assert.equal(engine.since(), changeAt);
      });
    }
  }

  // While the DEEP_FOCUS conditions build up, the rules call for ON_TASK (or THINKING when
  // the input pauses): every other state reaches DEEP_FOCUS through one of those two.
  for (const from of STATES.filter((s) => s !== S.DEEP_FOCUS)) {
    const via = from === S.ON_TASK ? [] : [S.ON_TASK];
    test(`${from} -> ${[...via, S.DEEP_FOCUS].join(' -> ')}: DEEP_FOCUS 15 s after its conditions first hold`, () => {
      const { engine, enteredAt } = engineIn(from);
      const deep = signalsFor(S.DEEP_FOCUS); // from the first evaluation after entering `from`

      assert.equal(run(engine, enteredAt, enteredAt + 4000, deep), from);
      assert.equal(run(engine, enteredAt + 4000, enteredAt + 5000, deep), via[0] ?? from);
      assert.equal(run(engine, enteredAt + 5000, enteredAt + 15000, deep), via[0] ?? from);
      assert.equal(run(engine, enteredAt + 15000, enteredAt + 16000, deep), S.DEEP_FOCUS);
      assert.deepEqual(engine.transitions().slice(-1 - via.length).map((t) => [t.at - enteredAt, t.to]),
        [...via.map((s) => [5000, s]), [16000, S.DEEP_FOCUS]]);
    });
  }

  test('THINKING -> DEEP_FOCUS directly when the calm input pauses (5..10 s) while the conditions build up', () => {
    const { engine, enteredAt } = engineIn(S.THINKING);
    const pausingDeep = { ...signalsFor(S.DEEP_FOCUS), inactivity_ms: 7000 };
    assert.equal(run(engine, enteredAt, enteredAt + 15000, pausingDeep), S.THINKING);
    assert.equal(run(engine, enteredAt + 15000, enteredAt + 16000, pausingDeep), S.DEEP_FOCUS);
    assert.equal(engine.transitions().at(-1).from, S.THINKING);
  });
});

describe('state engine: cooldown and sustain', () => {
  test('starts ON_TASK and changes no earlier than 5 s after the start', () => {
    const engine = createStateEngine({ startedAt: 0 });
    assert.equal(engine.current(), S.ON_TASK);
    assert.equal(run(engine, 0, 4000, signalsFor(S.AWAY)), S.ON_TASK);
    assert.equal(run(engine, 4000, 5000, signalsFor(S.AWAY)), S.AWAY);
  });

  test('a state that flickers back within the cooldown is held until the cooldown ends', () => {
    const engine = createStateEngine({ startedAt: 0 });
    run(engine, 0, 5000, signalsFor(S.THINKING));
    assert.equal(engine.current(), S.THINKING);
    assert.equal(run(engine, 5000, 9000, signalsFor(S.ON_TASK)), S.THINKING);
    assert.equal(run(engine, 9000, 10000, signalsFor(S.ON_TASK)), S.ON_TASK);
    assert.deepEqual(engine.transitions().map((t) => [t.at, t.to]), [[5000, S.THINKING], [10000, S.ON_TASK]]);
  });

  test('no change at all while the signals keep calling for the current state', () => {
    const engine = createStateEngine({ startedAt: 0 });
    assert.equal(run(engine, 0, 120000, signalsFor(S.ON_TASK)), S.ON_TASK);
    assert.equal(engine.transitions().length, 0);
  });

  test('DEEP_FOCUS needs its conditions at every evaluation for 15 s: one break starts the 15 s again', () => {
    const engine = createStateEngine({ startedAt: 0 });
    const deep = signalsFor(S.DEEP_FOCUS);
    run(engine, 0, 14000, deep); // held from 1 s to 14 s: 13 s
    engine.evaluate(15000, { ...deep, mouse_velocity: 400 }); // one evaluation with a fast pointer
    assert.equal(run(engine, 15000, 30000, deep), S.ON_TASK); // held from 16 s to 30 s: 14 s
    assert.equal(run(engine, 30000, 31000, deep), S.DEEP_FOCUS);
  });

  test('DEEP_FOCUS is kept while its conditions hold and left as soon as they fail', () => {
    const engine = createStateEngine({ startedAt: 0 });
    run(engine, 0, 16000, signalsFor(S.DEEP_FOCUS));
    assert.equal(engine.current(), S.DEEP_FOCUS);
    assert.equal(run(engine, 16000, 60000, signalsFor(S.DEEP_FOCUS)), S.DEEP_FOCUS);
    engine.evaluate(61000, { ...signalsFor(S.DEEP_FOCUS), inactivity_ms: 10000 });
    assert.equal(engine.current(), S.THINKING);
  });

  test('the sustain clock runs during the cooldown of another change', () => {
    const engine = createStateEngine({ startedAt: 0 });
    run(engine, 0, 5000, signalsFor(S.THINKING));
    // Pausing deep-focus signals from 6 s, inside THINKING's cooldown: DEEP_FOCUS at 21 s.
    const pausingDeep = { ...signalsFor(S.DEEP_FOCUS), inactivity_ms: 7000 };
    assert.equal(run(engine, 5000, 20000, pausingDeep), S.THINKING);
    assert.equal(run(engine, 20000, 21000, pausingDeep), S.DEEP_FOCUS);
  });

  test('onChange hears each change once, and the log keeps the last 100', () => {
    const heard = [];
    const engine = createStateEngine({ startedAt: 0, onChange: (t) => heard.push(t.to) });
    let t = 0;
    for (let i = 0; i < 120; i++) {
      t += 5000;
      engine.evaluate(t, signalsFor(i % 2 === 0 ? S.AWAY : S.ON_TASK));
    }
    assert.equal(heard.length, 120);
    assert.equal(engine.transitions().length, 100);
    assert.equal(engine.transitions().at(-1).at, t);
  });
});

describe('state engine: rules and their order', () => {
  const opts = engineOptions();
  const calm = signalsFor(S.ON_TASK);
  const cases = [
    ['hidden beats everything', { ...calm, tab_visible: false, panel_focused: false, inactivity_ms: 99999, rapid_click_count: 9 }, 20000, S.AWAY],
    ['lost focus beats idle and clicks', { ...calm, panel_focused: false, inactivity_ms: 99999, rapid_click_count: 9 }, 20000, S.DISTRACTED],
    ['idle beats rapid clicks', { ...calm, inactivity_ms: 30000, rapid_click_count: 9 }, 0, S.IDLE],
    ['rapid clicks beat sustained deep focus', { ...calm, rapid_click_count: 3 }, 20000, S.OFF_TASK],
    ['a fast pointer beats sustained deep focus', { ...calm, mouse_velocity: 2501 }, 20000, S.OFF_TASK],
    ['sustained deep focus beats a pause', { ...calm, inactivity_ms: 8000 }, 15000, S.DEEP_FOCUS],
    ['deep focus held 14.999 s is not yet deep focus', { ...calm, inactivity_ms: 8000 }, 14999, S.THINKING],
    ['no input for 4.999 s is still on task', { ...calm, inactivity_ms: 4999 }, -1, S.ON_TASK],
    ['no input for 5 s is thinking', { ...calm, inactivity_ms: 5000 }, -1, S.THINKING],
    ['no input for 29.999 s is thinking', { ...calm, inactivity_ms: 29999 }, -1, S.THINKING],
    ['no input for 30 s is idle', { ...calm, inactivity_ms: 30000 }, -1, S.IDLE],
    ['2 clicks in 2 s are not rapid', { ...calm, rapid_click_count: 2 }, -1, S.ON_TASK],
    ['a pointer at 2500 px/s is not off task', { ...calm, mouse_velocity: 2500 }, -1, S.ON_TASK],
  ];
  for (const [name, signals, held, expected] of cases) {
    test(name, () => assert.equal(candidateState(signals, held, opts).state, expected));
  }

  test('DEEP_FOCUS conditions: 60 s dwell, input within 10 s, pointer under 300 px/s, no rapid clicks', () => {
    const engine = (signals) => {
      const e = createStateEngine({ startedAt: 0 });
      return run(e, 0, 30000, signals);
    };
    const deep = signalsFor(S.DEEP_FOCUS);
    assert.equal(engine(deep), S.DEEP_FOCUS);
    assert.equal(engine({ ...deep, dwell_time_ms: 59999 }), S.ON_TASK);
    assert.equal(engine({ ...deep, inactivity_ms: 10000 }), S.THINKING);
    assert.equal(engine({ ...deep, mouse_velocity: 300 }), S.ON_TASK);
    assert.equal(engine({ ...deep, rapid_click_count: 2 }), S.DEEP_FOCUS);
  });

  test('a wrong option is refused, naming it', () => {
    assert.throws(() => engineOptions({ minStateMs: -1 }), /minStateMs must be a number >= 0/);
    assert.throws(() => engineOptions({ idleAfterMs: '30s' }), /idleAfterMs/);
    assert.throws(() => engineOptions({ thinkingAfterMs: 30000 }), /thinkingAfterMs must be below idleAfterMs/);
  });

  test('other thresholds can be configured', () => {
    const engine = createStateEngine({ startedAt: 0, options: { minStateMs: 2000, idleAfterMs: 10000 } });
    assert.equal(run(engine, 0, 2000, { ...calm, inactivity_ms: 10000 }), S.IDLE);
  });
});
