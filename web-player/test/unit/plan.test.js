import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBuffer, desiredEntries, prefetchPaths, allAppended, visitAt, segmentPath, segmentKey } from '../../src/player/plan.js';
import { defaults } from '../../src/player/defaults.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const media = { init: `/segments/${A}/init.mp4`, mime: 'video/mp4', segmentMs: 1000 };

function view(history, choice, ended = false) {
  return { id: 's', story: 'x', scene: history.at(-1).scene, position: 0, ended, media, history, ...(choice ? { choice } : {}) };
}
const intro = (over = {}) => ({ scene: 'intro', start: 0, end: 4000, key: A, segments: 4, ready: 4, ...over });
const fork = (defaultIndex = 0) => ({
  opens: 2000,
  closes: 4000,
  options: [
    { index: 0, label: 'Left', default: defaultIndex === 0, next: { scene: 'left', key: B, segments: 3, ready: 3 } },
    { index: 1, label: 'Right', default: defaultIndex === 1, next: { scene: 'right', key: C, segments: 3, ready: 1 } },
  ],
});

function run(v, ledger, playheadMs, bufferedFromMs) {
  return planBuffer(v, ledger, { playheadMs, bufferedFromMs }, defaults);
}
const appended = (ops) => ops.filter((o) => o.op === 'append').map((o) => `${o.entry.key[0]}${o.entry.index}@${o.entry.at}`);

test('the stored segments of each visit are appended in order, each at its visit start', () => {
  const v = view([intro(), { scene: 'b', start: 4000, end: 6000, key: B, segments: 2, ready: 2 }]);
  const { ops, ledger } = run(v, [], 0);
  assert.deepEqual(appended(ops), ['a0@0', 'a1@1000', 'a2@2000', 'a3@3000', 'b0@4000', 'b1@5000']);
  assert.equal(ops[4].entry.start, 4000);
  assert.equal(ledger.length, 6);
  assert.deepEqual(run(v, ledger, 0).ops, [], 'nothing more once everything is appended');
});

test('appending stops at the first segment still rendering', () => {
  const v = view([intro({ ready: 2 }), { scene: 'b', start: 4000, end: 6000, key: B, segments: 2, ready: 2 }]);
  assert.deepEqual(appended(run(v, [], 0).ops), ['a0@0', 'a1@1000']);
  const noKey = view([intro({ key: undefined, ready: 0 })]);
  assert.deepEqual(run(noKey, [], 0).ops, []);
});

test('a visit with no video adds nothing and does not block what follows', () => {
  const v = view([intro(), { scene: 'menu', start: 4000, end: 4000, segments: 0, ready: 0 }, { scene: 'b', start: 4000, end: 5000, key: B, segments: 1, ready: 1 }]);
  assert.deepEqual(appended(run(v, [], 0).ops), ['a0@0', 'a1@1000', 'a2@2000', 'a3@3000', 'b0@4000']);
});

test('no more than maxBufferAheadMs past the playhead is appended', () => {
  const long = view([{ scene: 'long', start: 0, end: 60000, key: A, segments: 60, ready: 60 }]);
  const first = run(long, [], 0);
  assert.equal(appended(first.ops).length, 20);
  const later = run(long, first.ledger, 5000);
  assert.deepEqual(appended(later.ops), ['a20@20000', 'a21@21000', 'a22@22000', 'a23@23000', 'a24@24000']);
});

test('media far behind the playhead is removed, with slack so it happens rarely', () => {
  const long = view([{ scene: 'long', start: 0, end: 60000, key: A, segments: 60, ready: 60 }]);
  const ledger = run(long, [], 50000).ledger;
  assert.deepEqual(run(long, ledger, 35000, 0).ops, [], 'only 35 s behind: kept');
  const { ops } = run(long, ledger, 45000, 0);
  assert.deepEqual(ops[0], { op: 'remove', from: 0, to: 15000 });
});

test('while a choice is open the default option\'s first segments follow the current visit', () => {
  const v = view([intro()], fork(0));
  const { ops } = run(v, [], 0);
  assert.deepEqual(appended(ops), ['a0@0', 'a1@1000', 'a2@2000', 'a3@3000', 'b0@4000', 'b1@5000', 'b2@6000']);
  assert.equal(ops.at(-1).entry.speculative, true);
  assert.equal(ops.at(-1).entry.start, 4000, 'the next visit starts where the current one ends');
  const other = view([intro()], fork(1));
  assert.deepEqual(appended(run(other, [], 0).ops).slice(4), ['c0@4000'], 'only what is stored');
});

test('when the timer takes the default, what was appended ahead is kept as it is', () => {
  const before = run(view([intro()], fork(0)), [], 3000);
  const after = view([intro(), { scene: 'left', start: 4000, end: 7000, key: B, segments: 3, ready: 3 }]);
  assert.deepEqual(run(after, before.ledger, 3900).ops, []);
});

test('picking another option removes the default appended ahead and appends the pick', () => {
  const before = run(view([intro()], fork(0)), [], 3000);
  const picked = view([intro(), { scene: 'right', start: 4000, end: 7000, key: C, segments: 3, ready: 3 }]);
  const { ops, ledger } = run(picked, before.ledger, 3500);
  assert.deepEqual(ops[0], { op: 'remove', from: 4000, to: Infinity });
  assert.deepEqual(appended(ops), ['c0@4000', 'c1@5000', 'c2@6000']);
  assert.deepEqual(ledger.map((e) => e.key[0] + e.index), ['a0', 'a1', 'a2', 'a3', 'c0', 'c1', 'c2']);
});

test('a cut shortens the current visit: media after its new end is removed, the rest stays', () => {
  const before = run(view([intro()], fork(0)), [], 2500);
  const cut = view([intro({ end: 3000, segments: 3 }), { scene: 'right', start: 3000, end: 6000, key: C, segments: 3, ready: 3 }]);
  const { ops, ledger } = run(cut, before.ledger, 2500);
  assert.deepEqual(ops[0], { op: 'remove', from: 3000, to: Infinity });
  assert.deepEqual(appended(ops), ['c0@3000', 'c1@4000', 'c2@5000'], 'nothing before the cut is appended again');
  assert.equal(ledger[2].end, 3000);
});

test('a cut within the last appended segment trims it without appending it again', () => {
  const v = view([{ scene: 'x', start: 0, end: 3000, key: A, segments: 3, ready: 3 }]);
  const { ledger } = run(v, [], 0);
  const cut = view([{ scene: 'x', start: 0, end: 2500, key: A, segments: 3, ready: 3 }, { scene: 'y', start: 2500, end: 3500, key: B, segments: 1, ready: 1 }]);
  const { ops } = run(cut, ledger, 1000);
  assert.deepEqual(ops[0], { op: 'remove', from: 2500, to: Infinity });
  assert.deepEqual(appended(ops), ['b0@2500']);
});

test('the shown options\' first segments are prefetched from shortly before the window opens', () => {
  const v = view([intro()], fork(0));
  assert.deepEqual(prefetchPaths(v, 0, { ...defaults, prefetchLeadMs: 1000 }), []);
  assert.deepEqual(prefetchPaths(v, 1500, { ...defaults, prefetchLeadMs: 1000 }), [
    segmentPath(B, 0), segmentPath(B, 1), segmentPath(C, 0),
  ]);
  assert.equal(segmentPath(B, 12), `/segments/${B}/seg-00012.m4s`);
});

test('the end of the stream is declared only when the story ended and all is appended', () => {
  const open = view([intro()]);
  assert.equal(allAppended(open, run(open, [], 0).ledger), false);
  const ended = view([intro()], undefined, true);
  assert.equal(allAppended(ended, []), false);
  assert.equal(allAppended(ended, run(ended, [], 0).ledger), true);
  assert.deepEqual(desiredEntries(view([intro()], fork(0), true)).length, 4, 'nothing ahead after the end');
});

test('the visit at the playhead is the last one started', () => {
  const v = view([intro(), { scene: 'b', start: 4000, end: 6000, key: B, segments: 2, ready: 2 }]);
  assert.equal(visitAt(v, 0), 0);
  assert.equal(visitAt(v, 3999), 0);
  assert.equal(visitAt(v, 4000), 1);
});

test('a stored segment\'s path names its visit\'s content key; an init segment or another path names none', () => {
  assert.equal(segmentKey(segmentPath('ab12', 7)), 'ab12');
  assert.equal(segmentKey('/segments/ab12/init.mp4'), null);
  assert.equal(segmentKey('/sessions/x/segments/0-0.m4s'), null);
});
