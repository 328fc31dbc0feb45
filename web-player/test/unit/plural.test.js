import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plural } from '../../src/pages/plural.js';

test('one is singular, every other count plural', () => {
  assert.equal(plural(1, 'story', 'stories'), '1 story');
  assert.equal(plural(3, 'story', 'stories'), '3 stories');
  assert.equal(plural(0, 'story', 'stories'), '0 stories');
  assert.equal(plural(1, 'error'), '1 error');
  assert.equal(plural(2, 'error'), '2 errors');
});

test('zero may be a word, and a missing count is zero', () => {
  assert.equal(plural(0, 'error', 'errors', { zero: 'no' }), 'no errors');
  assert.equal(plural(1, 'error', 'errors', { zero: 'no' }), '1 error');
  assert.equal(plural(undefined, 'warning'), '0 warnings');
});
