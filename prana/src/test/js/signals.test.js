import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { createSignalCapture } from '../../main/js/signals.js';
import { fakeClock } from './support/fake-clock.js';
import { fakePage } from './support/fake-page.js';

function capture() {
  const clock = fakeClock();
  const page = fakePage();
  const signals = createSignalCapture({ window: page.window, document: page.document, now: clock.now });
  return { clock, page, signals };
}

describe('signal capture', () => {
  test('every listener is passive, input is captured before the page can stop it, focus only for the window itself', () => {
    const { page } = capture();
    const byType = Object.fromEntries(page.listeners.map((l) => [l.type, l]));
    assert.deepEqual(Object.keys(byType).sort(),
      ['blur', 'focus', 'keydown', 'pagehide', 'pageshow', 'pointerdown', 'pointermove', 'scroll', 'visibilitychange', 'wheel']);
    for (const l of page.listeners) assert.equal(l.options.passive, true, `${l.type} is passive`);
    for (const type of ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel']) assert.equal(byType[type].options.capture, true, type);
    for (const type of ['focus', 'blur']) assert.notEqual(byType[type].options.capture, true, type);
    assert.equal(byType.visibilitychange.target, 'document');
  });

  test('pointer velocity is the distance moved in the last second, and falls to 0 when the pointer rests', () => {
    const { clock, page, signals } = capture();
    page.move(0);
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      page.move(30, 40); // 50 px
    }
    assert.equal(signals.snapshot(clock.now()).mouse_velocity, 500);
    clock.advance(500);
    assert.equal(signals.snapshot(clock.now()).mouse_velocity, 250);
    clock.advance(500);
    assert.equal(signals.snapshot(clock.now()).mouse_velocity, 0);
  });

  test('rapid_click_count is the clicks of the last 2 s', () => {
    const { clock, page, signals } = capture();
    page.click();
    clock.advance(500);
    page.click();
    clock.advance(500);
    page.click();
    assert.equal(signals.snapshot(clock.now()).rapid_click_count, 3);
    clock.advance(1000); // the first click is 2 s old
    assert.equal(signals.snapshot(clock.now()).rapid_click_count, 2);
    clock.advance(1000);
    assert.equal(signals.snapshot(clock.now()).rapid_click_count, 0);
  });

  test('any input resets inactivity; keys are counted, never recorded', () => {
    const { clock, page, signals } = capture();
    clock.advance(7000);
    assert.equal(signals.snapshot(clock.now()).inactivity_ms, 7000);
    page.key('s');
    page.key('s', true); // held down: not another keystroke
    page.key('3');
    assert.equal(signals.snapshot(clock.now()).inactivity_ms, 0);
    for (const input of [() => page.move(5), () => page.click(), () => page.scrollTo(10), () => page.window.dispatchEvent(new Event('wheel'))]) {
      clock.advance(3000);
      input();
      assert.equal(signals.snapshot(clock.now()).inactivity_ms, 0);
    }
    const counts = signals.takeCounts();
    assert.equal(counts.keystrokes, 2);
    assert.ok(!JSON.stringify({ ...counts, ...signals.snapshot(clock.now()) }).includes('"s"'));
    assert.ok(Object.values(counts).every((v) => typeof v === 'number'));
  });

  test('counts are per window: taking them starts new ones', () => {
    const { clock, page, signals } = capture();
    page.move(0);
    page.move(3, 4);
    page.click();
    page.key();
    page.scrollTo(500);
    page.hide();
    page.show();
    assert.deepEqual(signals.takeCounts(),
      { pointer_moves: 2, pointer_distance_px: 5, clicks: 1, keystrokes: 1, scrolls: 1, visibility_changes: 2 });
    clock.advance(1000);
    assert.deepEqual(signals.takeCounts(),
      { pointer_moves: 0, pointer_distance_px: 0, clicks: 0, keystrokes: 0, scrolls: 0, visibility_changes: 0 });
  });

  test('dwell time runs while the page is visible and focused, and starts again after a blur or a hide', () => {
    const { clock, page, signals } = capture();
    clock.advance(20000);
    assert.equal(signals.snapshot(clock.now()).dwell_time_ms, 20000);
    page.blur();
    assert.deepEqual(pick(signals.snapshot(clock.now()), 'dwell_time_ms', 'panel_focused'), { dwell_time_ms: 0, panel_focused: false });
    clock.advance(3000);
    page.focus();
    clock.advance(4000);
    assert.equal(signals.snapshot(clock.now()).dwell_time_ms, 4000);
    page.hide();
    assert.deepEqual(pick(signals.snapshot(clock.now()), 'dwell_time_ms', 'tab_visible'), { dwell_time_ms: 0, tab_visible: false });
    clock.advance(9000);
    page.show();
    clock.advance(1000);
    assert.deepEqual(pick(signals.snapshot(clock.now()), 'dwell_time_ms', 'tab_visible', 'inactivity_ms'),
      { dwell_time_ms: 1000, tab_visible: true, inactivity_ms: 1000 });
  });

  test('an element losing focus is not the window losing focus', () => {
    const { clock, page, signals } = capture();
    const blur = page.listeners.find((l) => l.type === 'blur').listener;
    const elementBlur = new Event('blur');
    Object.defineProperty(elementBlur, 'target', { value: new EventTarget() });
    blur(elementBlur);
    assert.equal(signals.snapshot(clock.now()).panel_focused, true);
    page.blur();
    assert.equal(signals.snapshot(clock.now()).panel_focused, false);
  });

  test('scroll depth is read when the signals are, as a percentage of the scrollable height', () => {
    const { clock, page, signals } = capture();
    assert.equal(signals.snapshot(clock.now()).scroll_depth, 0);
    page.scrollTo(1000);
    assert.equal(signals.snapshot(clock.now()).scroll_depth, 50);
    page.document.documentElement.scrollHeight = 800; // shorter than the window: all of it is seen
    assert.equal(signals.snapshot(clock.now()).scroll_depth, 100);
  });

  test('visibility changes and page hides are reported once each, with their time', () => {
    const { clock, page, signals } = capture();
    const heard = [];
    signals.onVisibility((visible, t, reason) => heard.push([visible, t, reason]));
    clock.advance(1000);
    page.hide();
    page.pagehide(); // already hidden: nothing new
    clock.advance(1000);
    page.show();
    clock.advance(1000);
    page.pagehide(); // unloaded without a visibilitychange first
    assert.deepEqual(heard, [[false, 1000, 'visibilitychange'], [true, 2000, 'visibilitychange'], [false, 3000, 'pagehide']]);
  });

  test('a page that starts hidden reports hidden', () => {
    const clock = fakeClock();
    const page = fakePage();
    page.document.visibilityState = 'hidden';
    const signals = createSignalCapture({ window: page.window, document: page.document, now: clock.now });
    assert.deepEqual(pick(signals.snapshot(0), 'tab_visible', 'dwell_time_ms'), { tab_visible: false, dwell_time_ms: 0 });
  });

  test('detach removes every listener', () => {
    const { clock, page, signals } = capture();
    signals.detach();
    assert.equal(page.listeners.length, 0);
    clock.advance(5000);
    page.key();
    assert.equal(signals.snapshot(clock.now()).inactivity_ms, 5000);
  });
});

function pick(object, ...keys) {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}
