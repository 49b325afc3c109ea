/**
 * Writes the packets PRANA's real wiring (startPrana, on a fake page and clock) sends in a
 * few scripted sessions: every cognitive state, both systems, with and without lesson and
 * task, POSTed windows and beaconed ones. One request body per line, byte for byte as the
 * bridge sent it. The Maven build runs this before the Java test that POSTs each line to a
 * real Bucket (PranaPacketsAcceptedByBucketTest).
 *
 *   node src/test/js/write-packets.js target/prana-packets.jsonl
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { CognitiveState, startPrana } from '../../main/js/prana.js';
import { fakeClock } from './support/fake-clock.js';
import { fakePage, fakeTransport } from './support/fake-page.js';

async function session(ids, script) {
  const clock = fakeClock(Date.UTC(2026, 11, 6, 9, 0, 0));
  const page = fakePage();
  const transport = fakeTransport();
  const prana = startPrana({ ingestUrl: '/bucket/prana/ingest', ...ids, window: page.window, document: page.document, clock, timers: clock, transport });
  const every = (ms, action) => clock.setInterval(action, ms);
  await script({ clock, page, every });
  prana.stop();
  // In the order Bucket would receive them: by the window's end.
  return [...transport.posts, ...transport.beacons].map((r) => r.body)
    .sort((a, b) => JSON.parse(a).timestamp.localeCompare(JSON.parse(b).timestamp));
}

const learner = await session({ userId: 'learner-42', sessionId: 'gurukul-session-1', systemType: 'gurukul', lessonId: 'lesson-algebra-3' },
  async ({ clock, page, every }) => {
    let typing = every(500, () => { page.key(); page.move(15, 5); });
    await clock.advanceAsync(80000); // ON_TASK, then DEEP_FOCUS at 75 s
    clock.clearInterval(typing);
    await clock.advanceAsync(40000); // THINKING, then IDLE
    const clicking = every(300, () => page.click());
    await clock.advanceAsync(10000); // OFF_TASK
    clock.clearInterval(clicking);
    page.blur();
    await clock.advanceAsync(10000); // DISTRACTED
    page.focus();
    typing = every(500, () => page.key());
    await clock.advanceAsync(7000);
    page.hide(); // the window so far goes by beacon
    await clock.advanceAsync(4000);
    page.show(); // the next window is AWAY with 4 s away
    await clock.advanceAsync(12000);
    page.scrollTo(1200);
    await clock.advanceAsync(2500); // stopped mid-window: beaconed
  });

const employee = await session({ userId: 'employee-7', sessionId: 'ems-session-9', systemType: 'ems', taskId: 'task-4711' },
  async ({ clock, page, every }) => {
    every(700, () => page.move(40, 30));
    await clock.advanceAsync(21000);
    page.hide();
    await clock.advanceAsync(60000); // hidden longer than a window: nothing sent
    page.show();
    await clock.advanceAsync(10000);
  });

const bodies = [...learner, ...employee];
const states = new Set(bodies.map((b) => JSON.parse(b).cognitive_state));
const missing = Object.values(CognitiveState).filter((s) => !states.has(s));
if (missing.length > 0) {
  console.error(`write-packets: the sessions no longer produce ${missing.join(', ')}; fix the scripts`);
  process.exit(1);
}
const out = process.argv[2];
if (!out) {
  console.error('usage: node src/test/js/write-packets.js <output.jsonl>');
  process.exit(2);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${bodies.join('\n')}\n`);
console.log(`write-packets: ${bodies.length} packets (${[...states].sort().join(', ')}) -> ${out}`);
