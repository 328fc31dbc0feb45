import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Events, ErrorTypes, ErrorDetails, classifyHttp, unreachable } from '../../src/player/events.js';
import { configure, defaults } from '../../src/player/defaults.js';
import { readFileSync } from 'node:fs';

test('every event is documented for embedders', () => {
  const doc = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8');
  for (const name of Object.values(Events)) assert.match(doc, new RegExp('`' + name + '`'), name);
  for (const name of Object.values(ErrorDetails)) assert.match(doc, new RegExp('`' + name + '`'), name);
});

test('a story with errors, an unknown story and an expired session are fatal and told apart', () => {
  const hasErrors = classifyHttp('create', 409, { detail: 'scene x is missing' });
  assert.deepEqual([hasErrors.type, hasErrors.details, hasErrors.fatal], [ErrorTypes.STORY_ERROR, ErrorDetails.STORY_HAS_ERRORS, true]);
  assert.match(hasErrors.message, /has errors and cannot be played yet/);
  // The viewer reads no server detail (once: "… 1 errors and is not served; GET /api/stories/x shows them").
  assert.doesNotMatch(hasErrors.message, /scene x is missing|GET|\/api\//);
  assert.equal(hasErrors.reason, 'scene x is missing');
  assert.equal(hasErrors.toDetail().reason, 'scene x is missing', 'the embedding page still gets it');
  assert.equal(classifyHttp('create', 404).details, ErrorDetails.STORY_NOT_FOUND);
  for (const status of [401, 404]) {
    const expired = classifyHttp('session', status);
    assert.deepEqual([expired.type, expired.details, expired.fatal], [ErrorTypes.SESSION_ERROR, ErrorDetails.SESSION_EXPIRED, true]);
  }
  assert.equal(unreachable('http://x').details, ErrorDetails.SERVER_UNREACHABLE);
  assert.equal(unreachable('http://x').fatal, true);
});

test('a refused pick, answer or back is not fatal', () => {
  assert.deepEqual([classifyHttp('choose', 409).details, classifyHttp('choose', 409).fatal], [ErrorDetails.CHOICE_REFUSED, false]);
  assert.equal(classifyHttp('answer', 400, { detail: 'too long' }).message, 'too long');
  assert.equal(classifyHttp('back', 409).details, ErrorDetails.NO_EARLIER_CHOICE);
  assert.equal(classifyHttp('segment', 404).fatal, false);
  assert.deepEqual(classifyHttp('session', 503).toDetail(), { type: 'networkError', details: 'requestFailed', fatal: true, message: 'HTTP 503', status: 503 });
});

test('configuration takes known keys of the right type only', () => {
  const c = configure({ maxBufferAheadMs: 5000, nonsense: 1, tickMs: '5' });
  assert.equal(c.maxBufferAheadMs, 5000);
  assert.equal(c.tickMs, defaults.tickMs);
  assert.equal('nonsense' in c, false);
});
