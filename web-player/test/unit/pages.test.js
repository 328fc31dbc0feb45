import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storyLength } from '../../src/pages/length.js';
import { storyFromPath } from '../../src/pages/story-id.js';

test('a story\'s length reads as the list shows it', () => {
  assert.equal(storyLength({ min: 45000, max: 45000 }), '45 s');
  assert.equal(storyLength({ min: 45000, max: 185000 }), '45 s – 3:05 min');
  assert.equal(storyLength({ min: 3000 }), '3 s or more', 'a loop leaves no maximum');
  assert.equal(storyLength({}), 'endless', 'no path reaches an ending');
  assert.equal(storyLength(undefined), '');
});

test('the story comes from the page\'s address', () => {
  assert.equal(storyFromPath('/watch/night-ferry'), 'night-ferry');
  assert.equal(storyFromPath('/embed/linie-null/'), 'linie-null');
  assert.equal(storyFromPath('/embed/caf%C3%A9'), 'café');
  assert.equal(storyFromPath('/watch'), null);
});
