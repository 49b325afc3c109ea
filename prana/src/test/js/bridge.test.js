import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { createBridge, bridgeOptions } from '../../main/js/bridge.js';
import { fakeClock } from './support/fake-clock.js';
import { fakeTransport } from './support/fake-page.js';

const URL = 'http://localhost:8001/bucket/prana/ingest';

/** A started bridge whose windows are numbered {n, start, end} records. random() = 1: the longest delays. */
function started({ options, random = () => 1 } = {}) {
  const clock = fakeClock();
  const transport = fakeTransport();
  const windows = [];
  const warnings = [];
  const closeWindow = (start, end) => {
    const w = { n: windows.length + 1, start, end };
    windows.push(w);
    return w;
  };
  const bridge = createBridge({ url: URL, clock, timers: clock, transport, closeWindow, options, random, log: { warn: (m) => warnings.push(m) } });
  bridge.start(0);
  const sent = () => transport.posts.map((p) => p.packet.n);
  return { clock, transport, bridge, windows, warnings, sent };
}

const down = () => new Error('connect ECONNREFUSED');
const up = () => ({ status: 200 });
/** A POST that answers only when the test says so. */
function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

describe('bridge: one packet per window', () => {
  test('each 5 s window becomes one POST of its packet, with a 2 s timeout', async () => {
    const { clock, transport, windows, sent } = started();
    await clock.advanceAsync(25000);
    assert.deepEqual(windows.map((w) => [w.start, w.end]), [[0, 5000], [5000, 10000], [10000, 15000], [15000, 20000], [20000, 25000]]);
    assert.deepEqual(sent(), [1, 2, 3, 4, 5]);
    assert.ok(transport.posts.every((p) => p.url === URL && p.options.timeoutMs === 2000));
    assert.deepEqual(transport.posts[0].packet, windows[0]);
  });
});

describe('bridge: while Bucket is down', () => {
  test('the oldest packet is retried after 1, 2, 4 ... s up to 60 s; then the queue drains in order, each packet once', async () => {
    const { clock, transport, bridge, windows, sent } = started();
    transport.answerWith(down);
    await clock.advanceAsync(130000);
    const attempts = transport.posts.map((p, i) => [clock.now(), p.packet.n, i]);
    assert.equal(attempts.length, 8);
    assert.ok(sent().every((n) => n === 1), 'only the oldest is tried while Bucket is down');
    assert.equal(bridge.stats().queued, 26);
    assert.equal(bridge.stats().backing_off, true);

    transport.answerWith(up);
    await clock.advanceAsync(60000); // the next retry is at 188 s
    const delivered = sent().slice(8);
    assert.deepEqual(delivered, windows.map((w) => w.n));
    assert.equal(bridge.stats().queued, 0);
    assert.equal(bridge.stats().sent, windows.length);
  });

  test('retry times: 5 s (window 1), then 1, 2, 4, 8, 16, 32, 60, 60 s later', async () => {
    const { clock, transport } = started();
    const at = [];
    transport.answerWith(() => { at.push(clock.now()); return down(); });
    await clock.advanceAsync(250000);
    assert.deepEqual(at, [5000, 6000, 8000, 12000, 20000, 36000, 68000, 128000, 188000, 248000]);
  });

  test('each delay is drawn between half and all of its value, so many pages do not retry together', async () => {
    const { clock, transport } = started({ random: () => 0 });
    const at = [];
    transport.answerWith(() => { at.push(clock.now()); return down(); });
    await clock.advanceAsync(20000);
    assert.deepEqual(at, [5000, 5500, 6500, 8500, 12500, 20500].filter((t) => t <= 20000));
  });

  test('after a success the backoff starts again at 1 s', async () => {
    const { clock, transport } = started();
    const at = [];
    let calls = 0;
    transport.answerWith(() => { at.push(clock.now()); calls++; return calls === 3 ? up() : down(); });
    await clock.advanceAsync(21000);
    // 5 s fails, 6 s fails, 8 s delivers window 1; window 2 (10 s) fails: retried 1 s later.
    assert.deepEqual(at.slice(0, 5), [5000, 6000, 8000, 10000, 11000]);
  });

  test('the queue is bounded: the oldest packets are dropped and counted', async () => {
    const { clock, transport, bridge, sent } = started({ options: { queueLimit: 3 } });
    transport.answerWith(down);
    await clock.advanceAsync(30000); // windows 1..6
    assert.deepEqual({ queued: bridge.stats().queued, dropped: bridge.stats().dropped }, { queued: 3, dropped: 3 });
    transport.answerWith(up);
    const before = transport.posts.length;
    await clock.advanceAsync(6000); // window 7 at 35 s pushes out window 4; the retry at 36 s drains
    assert.deepEqual(sent().slice(before), [5, 6, 7]);
    assert.equal(bridge.stats().dropped, 4);
  });

  test('a full queue never drops the packet whose POST is still open', async () => {
    const { clock, transport, bridge, sent } = started({ options: { queueLimit: 2 } });
    const first = deferred();
    transport.answerWith(() => first.promise);
    await clock.advanceAsync(15000); // window 1 in flight, 2 and 3 arrive
    assert.equal(bridge.stats().dropped, 1);
    transport.answerWith(up);
    first.resolve({ status: 200 });
    await clock.advanceAsync(0);
    assert.deepEqual(sent(), [1, 3]);
  });

  for (const status of [408, 429, 500, 502, 503, 504]) {
    test(`HTTP ${status} means later: the packet is retried`, async () => {
      const { clock, transport, bridge, sent } = started();
      let calls = 0;
      transport.answerWith(() => (++calls === 1 ? { status } : up()));
      await clock.advanceAsync(6000);
      assert.deepEqual(sent(), [1, 1]);
      assert.deepEqual({ sent: bridge.stats().sent, rejected: bridge.stats().rejected }, { sent: 1, rejected: 0 });
    });
  }

  for (const status of [400, 401, 403, 413, 415, 422]) {
    test(`HTTP ${status} refuses the packet for good: it is dropped, counted and not retried`, async () => {
      const { clock, transport, bridge, sent, warnings } = started();
      let calls = 0;
      transport.answerWith(() => (++calls === 1 ? { status } : up()));
      await clock.advanceAsync(10000);
      assert.deepEqual(sent(), [1, 2]);
      assert.deepEqual({ sent: bridge.stats().sent, rejected: bridge.stats().rejected, queued: bridge.stats().queued }, { sent: 1, rejected: 1, queued: 0 });
      assert.match(warnings[0], new RegExp(`HTTP ${status}`));
    });
  }

  test('a transport that throws instead of rejecting is a failure like any other', async () => {
    const { clock, transport, bridge } = started();
    transport.post = () => { throw new Error('boom'); };
    await clock.advanceAsync(5000);
    assert.deepEqual({ failed: bridge.stats().failed_attempts, last: bridge.stats().last_error, queued: bridge.stats().queued }, { failed: 1, last: 'boom', queued: 1 });
  });
});

describe('bridge: page hidden', () => {
  test('a hide closes the open window and hands it to sendBeacon', async () => {
    const { clock, transport, bridge, windows } = started();
    await clock.advanceAsync(7000);
    bridge.pageHidden(7000);
    assert.deepEqual(windows.at(-1), { n: 2, start: 5000, end: 7000 });
    assert.deepEqual(transport.beacons.map((b) => [b.url, b.packet.n]), [[URL, 2]]);
    assert.equal(transport.posts.length, 1);
    assert.equal(bridge.stats().beaconed, 1);
  });

  test('everything still queued goes by beacon too, oldest first', async () => {
    const { clock, transport, bridge } = started();
    transport.answerWith(down);
    await clock.advanceAsync(16000); // windows 1..3 queued, backing off
    bridge.pageHidden(16000);
    assert.deepEqual(transport.beacons.map((b) => b.packet.n), [1, 2, 3, 4]);
    assert.equal(bridge.stats().queued, 0);
  });

  test('the packet whose POST is open is not beaconed (no duplicate); if that POST fails it is sent after the page returns', async () => {
    const { clock, transport, bridge, sent } = started();
    const first = deferred();
    transport.answerWith(() => first.promise);
    await clock.advanceAsync(7000);
    bridge.pageHidden(7000);
    assert.deepEqual(transport.beacons.map((b) => b.packet.n), [2]);
    transport.answerWith(up);
    first.resolve({ status: 503 });
    await clock.advanceAsync(3000);
    assert.deepEqual(sent(), [1]);
    bridge.pageShown(10000);
    await clock.advanceAsync(0);
    assert.deepEqual(sent(), [1, 1]);
  });

  test('packets the browser refuses to beacon stay queued and are POSTed once the page is back', async () => {
    const { clock, transport, bridge, sent } = started();
    transport.beaconAnswer(() => false);
    transport.answerWith(down);
    await clock.advanceAsync(7000); // window 1 failed at 5 s and 6 s
    bridge.pageHidden(7000);
    assert.equal(bridge.stats().queued, 2);
    await clock.advanceAsync(3000); // the retry due at 8 s waits
    assert.deepEqual(sent(), [1, 1]);
    transport.answerWith(up);
    bridge.pageShown(10000);
    await clock.advanceAsync(0);
    assert.deepEqual(sent(), [1, 1, 1, 2]);
    assert.equal(bridge.stats().queued, 0);
  });

  test('while hidden nothing is sent: no window closes and a due retry waits for the page to return', async () => {
    const { clock, transport, bridge, windows } = started();
    transport.answerWith(down);
    transport.beaconAnswer(() => false);
    await clock.advanceAsync(5000); // window 1 fails, retry due at 6 s
    bridge.pageHidden(5500);
    const posts = transport.posts.length;
    await clock.advanceAsync(600000);
    assert.equal(transport.posts.length, posts);
    assert.equal(windows.length, 1);
    assert.equal(bridge.stats().hidden, true);
    transport.answerWith(up);
    bridge.pageShown(clock.now());
    await clock.advanceAsync(0);
    assert.equal(transport.posts.length, posts + 1);
  });

  test('a window under 1 s is not cut by a hide; it goes on after a short absence', async () => {
    const { clock, transport, bridge, windows } = started();
    await clock.advanceAsync(5500);
    bridge.pageHidden(5500);
    assert.deepEqual({ windows: windows.length, beacons: transport.beacons.length }, { windows: 1, beacons: 0 });
    await clock.advanceAsync(1500);
    bridge.pageShown(7000);
    await clock.advanceAsync(3000);
    assert.deepEqual(windows.at(-1), { n: 2, start: 5000, end: 10000 });
  });

  test('back within a window: the next window starts at the hide, so the absence is reported', async () => {
    const { clock, bridge, windows, sent } = started();
    await clock.advanceAsync(7000);
    bridge.pageHidden(7000);
    await clock.advanceAsync(3000);
    bridge.pageShown(10000);
    await clock.advanceAsync(2000);
    assert.deepEqual(windows.at(-1), { n: 3, start: 7000, end: 12000 });
    assert.deepEqual(sent(), [1, 3]);
  });

  test('hidden a window or longer: that time is not reported and a fresh window starts on return', async () => {
    const { clock, bridge, windows, transport, sent } = started();
    await clock.advanceAsync(7000);
    bridge.pageHidden(7000);
    await clock.advanceAsync(13000);
    bridge.pageShown(20000);
    assert.deepEqual(windows.at(-1), { n: 3, start: 7000, end: 20000 });
    assert.equal(bridge.stats().discarded_windows, 1);
    await clock.advanceAsync(5000);
    assert.deepEqual(windows.at(-1), { n: 4, start: 20000, end: 25000 });
    assert.deepEqual(sent(), [1, 4]);
    assert.deepEqual(transport.beacons.map((b) => b.packet.n), [2]);
  });

  test('a second hide signal (pagehide after visibilitychange) sends nothing more', async () => {
    const { clock, transport, bridge } = started();
    await clock.advanceAsync(7000);
    bridge.pageHidden(7000);
    bridge.pageHidden(7001);
    assert.equal(transport.beacons.length, 1);
  });

  test('stop beacons the open window and leaves no timer behind', async () => {
    const { clock, transport, bridge } = started();
    transport.answerWith(down);
    await clock.advanceAsync(8000);
    bridge.stop(8000);
    assert.deepEqual(transport.beacons.map((b) => b.packet.n), [1, 2]);
    assert.equal(clock.pendingTimers(), 0);
    await clock.advanceAsync(60000);
    assert.equal(transport.beacons.length, 2);
  });
});

describe('bridge: options', () => {
  test('a wrong option is refused, naming it', () => {
    assert.throws(() => bridgeOptions({ windowMs: 0 }), /windowMs must be a number > 0/);
    assert.throws(() => bridgeOptions({ timeoutMs: 2500 }), /timeoutMs must be at most 2000/);
    assert.throws(() => bridgeOptions({ queueLimit: 1 }), /queueLimit must be a whole number >= 2/);
    assert.throws(() => bridgeOptions({ queueLimit: 2.5 }), /queueLimit/);
    assert.throws(() => bridgeOptions({ minWindowMs: 6000 }), /minWindowMs must not exceed windowMs/);
    assert.throws(() => bridgeOptions({ backoffInitialMs: 90000 }), /backoffInitialMs must not exceed backoffMaxMs/);
    assert.deepEqual(bridgeOptions({ windowMs: 10000 }).windowMs, 10000);
  });
});
