import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embedderOrigin, acceptsMessage, parseCommand, eventMessage, originOf } from '../../src/player/origin.js';

test('the embedder is the declared origin, else the referrer\'s', () => {
  assert.equal(embedderOrigin('?origin=https://site.example/some/page', 'https://other.example/'), 'https://site.example');
  assert.equal(embedderOrigin('', 'http://localhost:8080/blog/post?x=1'), 'http://localhost:8080');
  assert.equal(embedderOrigin('?origin=javascript:alert(1)', 'https://other.example/'), null, 'a declared origin is never replaced by the referrer');
  assert.equal(embedderOrigin('', ''), null);
  assert.equal(originOf('not a url'), null);
});

test('commands are taken only from the parent window at the embedder\'s origin', () => {
  assert.equal(acceptsMessage('https://site.example', 'https://site.example', true), true);
  assert.equal(acceptsMessage('https://site.example', 'https://evil.example', true), false);
  assert.equal(acceptsMessage('https://site.example', 'https://site.example', false), false, 'another frame');
  assert.equal(acceptsMessage(null, 'null', true), false, 'no embedder known: nothing accepted');
});

test('commands are read strictly', () => {
  assert.deepEqual(parseCommand({ type: 'branchline', command: 'choose', option: 1 }), { command: 'choose', option: 1 });
  assert.equal(parseCommand({ type: 'branchline', command: 'choose', option: '1' }), null);
  assert.equal(parseCommand({ type: 'branchline', command: 'choose', option: -1 }), null);
  assert.deepEqual(parseCommand({ type: 'branchline', command: 'pause', extra: 1 }), { command: 'pause' });
  assert.equal(parseCommand({ type: 'other', command: 'play' }), null);
  assert.equal(parseCommand('play'), null);
  assert.equal(parseCommand({ type: 'branchline', command: 'eval' }), null);
  assert.deepEqual(eventMessage('choice', { option: 1 }), { type: 'branchline', event: 'choice', detail: { option: 1 } });
});
