// hls.js and shaka-player (each in its default configuration, in Debian's Chromium) play a
// session whose middle scene the engine streams as a draft: a styled scene nobody predicted,
// rendered ahead as a draft only, taken by the timer. A draft's repeated frames are not encoded
// (the picture before is held, so its samples last 1/15 s where the full tier's last 1/30 s),
// and its segments follow full-quality ones under the same init segment. Each player must play
// the full scene, the draft and the full scene after it to the end, with no error, no black
// frame, and the draft's scene shown frame by frame. One engine per player: once a viewer has
// taken the draft, the engine renders the full tier for whoever comes next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startEngine, launchChromium, REPO } from '../e2e/harness.js';
import { openPlayer } from './browser.js';
import { PlaylistHistory } from './playlist-history.js';

const STORIES = join(REPO, 'web-player/test/e2e/stories-ladder');
/** The story's scenes: red 2 s and its 0.5 s choice, the styled red 4 s (the draft), blue 2 s; inside the styled one under either count. */
const STYLED = { from: 2.5, to: 6 };
const END = 8.5;

// Seconds of video sent through sessions' playlists (what a third-party player fetches), by tier.
const served = (metrics, tier) => Number(new RegExp(`^branchline_served_media_seconds_total\\{tier="${tier}"\\} ([0-9.]+)`, 'm').exec(metrics)?.[1] ?? 0);
const colour = ([r, g, b]) => (r < 40 && g < 40 && b < 40 ? 'black' : b > r + 60 ? 'blue' : r > b + 60 ? 'red' : 'other');

async function playDraft(player) {
  const engine = await startEngine(STORIES);
  const browser = await launchChromium();
  try {
    const r = await fetch(`${engine.url}/api/stories/draft/sessions`, { method: 'POST' });
    assert.equal(r.status, 201, await r.clone().text());
    const body = await r.json();
    const session = { multivariant: engine.url + body.multivariant };
    const page = await openPlayer(browser, engine.url, player, session, new PlaylistHistory(Date.now()));
    try {
      await page.finished(END, 90000);
      const run = await page.result();
      const metrics = await (await fetch(`${engine.url}/metrics`)).text();
      return { run, metrics };
    } finally {
      await page.close();
    }
  } finally {
    await browser.close();
    await engine.stop();
  }
}

for (const player of ['hls.js', 'shaka']) {
  test(`${player} plays a full scene, a drafted one and a full one to the end: no error, no black frame`, async () => {
    const { run, metrics } = await playDraft(player);
    // hls.js reports waiting for a segment not rendered yet (a busy machine) as a non-fatal stall;
    // anything else it or shaka reports (a segment it could not parse or append) fails.
    const waitedOnly = (e) => !e.fatal && /^mediaError\/buffer(StalledError|NudgeOnStall)/.test(e.details);
    assert.deepEqual(run.errors.filter((e) => !waitedOnly(e)), [], `${player} reported no error`);
    // Below full quality: a draft, or on a machine so busy that even the draft would be late, a
    // rough draft (the draft's pictures on every fourth frame), held frames either way.
    const below = served(metrics, 'draft') + served(metrics, 'rough');
    assert.ok(below >= 2, `the styled scene was sent as a draft (${served(metrics, 'draft')} s of draft, ${served(metrics, 'rough')} s of rough sent)`);
    const frames = run.frames.filter((f) => f.t > 0.05);
    assert.deepEqual(frames.filter((f) => colour(f.rgb) === 'black').map((f) => f.t), [], 'no black frame');
    assert.equal(colour(frames.find((f) => f.t < 1.5).rgb), 'red', 'the first scene plays');
    const styled = frames.filter((f) => f.t > STYLED.from + 0.1 && f.t < STYLED.to - 0.1);
    // About 3.3 s of it: some 50 pictures as a draft (15 a second), 25 as a rough draft (7.5 a second).
    const least = served(metrics, 'rough') > 0 ? 20 : 30;
    assert.ok(styled.length > least, `the drafted scene was shown frame by frame (${styled.length} frames, more than ${least} expected)`);
    assert.equal(colour(frames.at(-1).rgb), 'blue', 'the scene after the draft plays to the end');
  });
}
