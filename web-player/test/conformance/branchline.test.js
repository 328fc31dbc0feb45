// Branchline's own <branchline-player> in Debian's Chromium plays a real session of the
// conformance story while the test steers it through the element's own API (choose(index),
// back()): the same timed default, normal pick, `cut` pick and back as the third-party
// players get, the same checks (conformance.js), and two of its own: it reads no playlist, and
// a cut or a back takes effect at the next segment boundary after where it stands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, launchChromium } from '../e2e/harness.js';
import { STORIES } from './story.js';
import { openBranchline } from './branchline.js';
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

/**
 * Where each accepted cut pick or back started its visit against the player's clock when the
 * viewer acted: at the next segment boundary at or after it. One segment more is tolerated
 * (the clock is read a poll before the element reports it); later is the third-party delay.
 */
function lateCuts(run, segmentS) {
  return run.viewer.acts.filter((a) => a.status === 200 && a.visit && (a.name === 'pick Run' || a.name === 'back')).flatMap((a) => {
    const late = a.visit.start / 1000 - a.clock;
    return late < -0.05 || late > 2 * segmentS
      ? [`${a.name} at ${a.clock.toFixed(2)} s of the player's clock started ${a.visit.scene} at ${(a.visit.start / 1000).toFixed(2)} s, ${late.toFixed(2)} s later (next boundary: under ${segmentS} s, tolerated ${2 * segmentS} s)`]
      : [];
  });
}

test('Branchline\'s player plays a real session from media time 0, shows each chosen scene and only those, with its captions, and cuts at the next segment', async (t) => {
  const run = await play('branchline', engine.url, () => openBranchline(browser, engine.url), { ownSession: true });
  await checkRun(t, run, { playlists: false });
  await t.test('it reads no HLS playlist: it plays the stored segments through Media Source', () => assert.deepEqual(run.playlists, []));
  await t.test('a cut pick and a back take effect at the next segment boundary after the player\'s clock (±1 segment)', () => {
    const acted = run.viewer.acts.filter((a) => a.status === 200 && (a.name === 'pick Run' || a.name === 'back')).length;
    assert.equal(acted, 2, `both the cut pick and the back were taken (${JSON.stringify(run.viewer.acts.map((a) => [a.name, a.status]))})`);
    const segmentS = (run.viewer.view.media?.segmentMs ?? 1000) / 1000;
    assert.deepEqual(lateCuts(run, segmentS), []);
  });
});
