import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embedderOrigin, acceptsMessage, parseCommand, eventMessage, originOf } from '../../src/player/origin.js';
import { parseVtt, placeCues, parseTimestamp } from '../../src/player/vtt.js';

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

const VTT = 'WEBVTT\r\n\r\nNOTE made by branchline\r\n\r\n1\r\n00:00.000 --> 00:02.500 line:90%\r\nMidnight.\r\nOne shot.\r\n\r\n00:01:02.250 --> 00:01:03.000\r\nLater\r\n';

test('WebVTT cues are read with their times and text', () => {
  assert.equal(parseTimestamp('01:02:03.004'), 3723004);
  assert.ok(Number.isNaN(parseTimestamp('1:2.3')));
  assert.deepEqual(parseVtt(VTT), [
    { startMs: 0, endMs: 2500, text: 'Midnight.\nOne shot.' },
    { startMs: 62250, endMs: 63000, text: 'Later' },
  ]);
  assert.deepEqual(parseVtt('not vtt\n\n00:00.000 --> 00:01.000\nx'), []);
});

test('cues move to the visit\'s start and end with the visit', () => {
  const cues = [{ startMs: 0, endMs: 2500, text: 'a' }, { startMs: 3000, endMs: 4000, text: 'b' }];
  assert.deepEqual(placeCues(cues, 10000), [{ startMs: 10000, endMs: 12500, text: 'a' }, { startMs: 13000, endMs: 14000, text: 'b' }]);
  assert.deepEqual(placeCues(cues, 10000, 12000), [{ startMs: 10000, endMs: 12000, text: 'a' }], 'a cut visit loses its later cues');
});
