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
  assert.ok(served(metrics, 'draft') >= 1, `the first scene was sent as a draft (${served(metrics, 'draft')} draft segments)`);
  // Rendered ahead as a draft only (an unlikely option, the ladder on), or on demand when the timer took it first.
  assert.ok(/^branchline_renders_total\{reason="(speculative|on-demand)",reused="false",tier="draft"\} [1-9]/m.test(metrics), 'a draft was rendered');
  assert.deepEqual(s.frames.filter((f) => f.colour === 'black'), [], 'no black frame');
  assert.equal(colourBetween(s.frames, plain.detail.start / 1000 + 0.05, plain.detail.start / 1000 + 1.5), 'blue', 'the scene after the draft plays');
  assert.ok(s.frames.filter((f) => f.media > styled.detail.start / 1000 && f.media < plain.detail.start / 1000).length > 30,
    'the drafted scene was shown, frame by frame');
  assert.equal(colourBetween(s.frames, 0.05, 1.9), 'red', 'the first scene plays');
  await page.close();
});
