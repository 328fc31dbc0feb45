import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readInit, trackEnds, fillerFor, silence } from '../../src/player/audio-gap.js';

// A real stored visit of the engine (2 s of colour at 360x640 30fps with its silent stereo
// AAC track): its init segment and its last segment.
const bytes = (name) => {
  const b = readFileSync(new URL(`fixtures/${name}`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
};
const init = bytes('init.mp4');
const last = bytes('last-segment.m4s');

test('the tracks of an init segment are read with their timescales', () => {
  assert.deepEqual(readInit(init), [
    { id: 1, kind: 'video', timescale: 15360, defaultDuration: 0 },
    { id: 2, kind: 'audio', timescale: 48000, defaultDuration: 0, codec: 'mp4a', channels: 2 },
  ]);
});

test('a visit\'s last segment has audio that stops before its video ends', () => {
  const ends = trackEnds(last, readInit(init));
  assert.equal(ends.get(1) / 15360, 2, 'video to 2.000 s');
  assert.equal(ends.get(2) / 48000, 1.984, 'audio to 1.984 s: 16 ms short');
});

test('the filler is silent AAC from where the audio stops to past where the video ends', () => {
  const tracks = readInit(init);
  const filler = fillerFor(last, tracks);
  const ends = trackEnds(filler.buffer, tracks);
  assert.deepEqual([...ends.keys()], [2], 'audio only');
  assert.ok(ends.get(2) >= 96000 && ends.get(2) < 96000 + 1024, `reaches 2.000 s by less than one frame (${ends.get(2)})`);
  assert.equal(silence(tracks[1], 96000, 96000), null, 'no hole, no filler');
  assert.equal(silence({ ...tracks[1], channels: 6 }, 0, 1024), null, 'only mono and stereo are known');
});
