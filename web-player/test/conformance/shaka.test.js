// shaka-player (npm, dist/shaka-player.compiled.js, default configuration) in Debian's Chromium plays a real
// session of the conformance story while the test steers it through the REST API: a timed
// default, a normal pick, a `cut` pick and a back. See conformance.js for the checks.
import { test, before, after } from 'node:test';
import { startEngine, launchChromium } from '../e2e/harness.js';
import { STORIES } from './story.js';
import { openPlayer } from './browser.js';
import { play, checkRun } from './conformance.js';

let engine;
let browser;

before(async () => {
  engine = await startEngine(STORIES);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await engine?.stop();
});

test('shaka-player plays a real session from media time 0, shows each chosen scene and only those, with its captions and a playlist that only grows', async (t) => {
  const run = await play('shaka', engine.url, (session, history) => openPlayer(browser, engine.url, 'shaka', session, history));
  await checkRun(t, run);
});
