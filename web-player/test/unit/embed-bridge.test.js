import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bridge } from '../../src/player/embed-bridge.js';

// A window inside an iframe and its parent, as far as the bridge uses them.
function frameWindow(search, referrer = '') {
  const parent = { posted: [], postMessage(message, origin) { this.posted.push({ message, origin }); } };
  const win = new EventTarget();
  Object.assign(win, { parent, location: { search }, document: { referrer } });
  return win;
}

function fakePlayer() {
  const p = new EventTarget();
  p.calls = [];
  for (const m of ['play', 'pause', 'back', 'choose', 'answer']) p[m] = (...args) => p.calls.push([m, ...args]);
  return p;
}

function message(win, origin, data, source = win.parent) {
  const e = new Event('message');
  Object.assign(e, { origin, data, source });
  win.dispatchEvent(e);
}

function emit(player, name, detail) {
  const e = new Event(name);
  e.detail = detail;
  player.dispatchEvent(e);
}

test('events go to the declared embedder only, as branchline messages', () => {
  const win = frameWindow('?origin=https://site.example');
  const player = fakePlayer();
  const b = bridge(player, win);
  assert.equal(b.origin, 'https://site.example');
  emit(player, 'choice', { option: 1, by: 'viewer' });
  emit(player, 'not-an-event', {});
  assert.deepEqual(win.parent.posted, [{ message: { type: 'branchline', event: 'choice', detail: { option: 1, by: 'viewer' } }, origin: 'https://site.example' }]);
});

test('commands are obeyed from the embedder and ignored from anyone else', () => {
  const win = frameWindow('', 'https://site.example/post/1');
  const player = fakePlayer();
  bridge(player, win);
  message(win, 'https://site.example', { type: 'branchline', command: 'pause' });
  message(win, 'https://site.example', { type: 'branchline', command: 'choose', option: 2 });
  message(win, 'https://evil.example', { type: 'branchline', command: 'play' });
  message(win, 'https://site.example', { type: 'branchline', command: 'play' }, {}); // another frame
  message(win, 'https://site.example', { type: 'branchline', command: 'choose', option: 'x' });
  assert.deepEqual(player.calls, [['pause'], ['choose', 2]]);
});

test('a top-level page, or an embedder nobody named, gets nothing and commands nothing', () => {
  const top = new EventTarget();
  Object.assign(top, { location: { search: '?origin=https://site.example' }, document: { referrer: '' } });
  top.parent = top;
  const player = fakePlayer();
  assert.equal(bridge(player, top).origin, null);
  const hidden = frameWindow('', '');
  const p2 = fakePlayer();
  const b = bridge(p2, hidden);
  emit(p2, 'ready', {});
  message(hidden, 'null', { type: 'branchline', command: 'play' });
  assert.deepEqual([b.origin, hidden.parent.posted, p2.calls], [null, [], []]);
  b.destroy();
});
