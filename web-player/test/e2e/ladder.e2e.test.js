// The render ladder in Debian's Chromium against the real engine: a styled scene nobody
// predicted is rendered ahead as a draft only (or on demand), so the engine streams its draft; the full-quality scene before
// it, the draft and the full-quality scene after it play as one stream, with no black frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startEngine, launchChromium, REPO } from './harness.js';
import { probe, waitForEvent, seen, colourBetween } from './probe.js';

let engine;
let browser;

before(async () => {
  engine = await startEngine(join(REPO, 'web-player/test/e2e/stories-ladder'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await engine?.stop();
});

// Our player fetches media by content key (/segments/KEY/...): what it was sent, by tier.
const served = (metrics, tier) => Number(new RegExp(`^branchline_served_segments_total\\{tier="${tier}"\\} ([0-9.]+)`, 'm').exec(metrics)?.[1] ?? 0);

test('full, drafted and full scenes play as one stream in our player: no black frame', async () => {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.addInitScript(probe);
  await page.goto(`${engine.url}/embed/draft?muted=1&autoplay=1`);
  const styled = await waitForEvent(page, 'scenechange', 2, 60000);
  assert.equal(styled.detail.scene, 'styled', 'the timer took the default nobody predicted');
  const plain = await waitForEvent(page, 'scenechange', 3, 60000);
  assert.equal(plain.detail.scene, 'plain');
  await waitForEvent(page, 'ended', 1, 60000);
  const s = await seen(page);
  const metrics = await (await fetch(`${engine.url}/metrics`)).text();
  // A draft, or on a machine so busy that even the draft would be late, a rough draft (the draft's pictures on every fourth frame).
  const below = served(metrics, 'draft') + served(metrics, 'rough');
  assert.ok(below >= 1, `a scene was sent below full quality (${served(metrics, 'draft')} draft, ${served(metrics, 'rough')} rough segments)`);
  // Rendered ahead as a draft only (an unlikely option, the ladder on), or on demand when the timer took it first.
  assert.ok(/^branchline_renders_total\{reason="(speculative|on-demand)",reused="false",tier="(draft|rough)"\} [1-9]/m.test(metrics), 'a draft was rendered');
  assert.deepEqual(s.frames.filter((f) => f.colour === 'black'), [], 'no black frame');
  assert.equal(colourBetween(s.frames, plain.detail.start / 1000 + 0.05, plain.detail.start / 1000 + 1.5), 'blue', 'the scene after the draft plays');
  // Its 4 s: 60 pictures as a draft (15 a second), 30 as a rough draft (7.5 a second).
  const least = served(metrics, 'rough') > 0 ? 20 : 30;
  const shown = s.frames.filter((f) => f.media > styled.detail.start / 1000 && f.media < plain.detail.start / 1000).length;
  assert.ok(shown > least, `the drafted scene was shown, frame by frame (${shown} frames, more than ${least} expected)`);
  assert.equal(colourBetween(s.frames, 0.05, 1.9), 'red', 'the first scene plays');
  await page.close();
});
