// Debian's ffmpeg (its HLS demuxer in its default configuration: no -live_start_index)
// plays a real session of the conformance story while the test steers it through the REST
// API by wall time since ffmpeg's first frame: a timed default, a normal pick, a `cut` pick
// and a back. Its decoded frames (with their timestamps) are checked as a browser's are.
import { test, before, after } from 'node:test';
import { startEngine } from '../e2e/harness.js';
import { STORIES } from './story.js';
import { openFfmpeg } from './ffmpeg.js';
import { play, checkRun } from './conformance.js';

let engine;

before(async () => {
  engine = await startEngine(STORIES);
});

after(async () => {
  await engine?.stop();
});

test('ffmpeg plays a real session from media time 0, shows each chosen scene and only those, and the playlists only grow', async (t) => {
  const run = await play('ffmpeg', engine.url, (session) => openFfmpeg(session.multivariant));
  await checkRun(t, run, { playerCues: false });
});
