import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowState, countdownText } from '../../src/player/countdown.js';
import { optionKey } from '../../src/player/keys.js';

test('the countdown runs from the window length to zero and is open only inside it', () => {
  const w = { opens: 2000, closes: 5000 };
  assert.equal(windowState(w, 1999).open, false);
  assert.deepEqual(windowState(w, 2000), { open: true, remainingMs: 3000, fraction: 1, seconds: 3 });
  assert.equal(windowState(w, 4001).seconds, 1);
  assert.equal(windowState(w, 5000).open, false);
  assert.equal(windowState(w, 6000).remainingMs, 0);
  assert.equal(windowState(undefined, 0).open, false);
  assert.equal(countdownText(1), '1 second');
  assert.equal(countdownText(3), '3 seconds');
});

test('arrows move focus through the options and wrap', () => {
  assert.deepEqual(optionKey('ArrowDown', 3, -1), { action: 'focus', index: 0 });
  assert.deepEqual(optionKey('ArrowRight', 3, 2), { action: 'focus', index: 0 });
  assert.deepEqual(optionKey('ArrowUp', 3, 0), { action: 'focus', index: 2 });
  assert.deepEqual(optionKey('ArrowLeft', 3, 2), { action: 'focus', index: 1 });
  assert.deepEqual(optionKey('End', 3, 0), { action: 'focus', index: 2 });
});

test('number keys take the option with that number; Enter takes the focused one', () => {
  assert.deepEqual(optionKey('2', 3, 0), { action: 'choose', index: 1 });
  assert.equal(optionKey('4', 3, 0), null, 'no fourth option');
  assert.equal(optionKey('0', 3, 0), null);
  assert.deepEqual(optionKey('Enter', 3, 1), { action: 'choose', index: 1 });
  assert.equal(optionKey('Enter', 3, -1), null, 'nothing focused, nothing taken');
  assert.equal(optionKey('x', 3, 0), null);
  assert.equal(optionKey('1', 0, -1), null);
});
