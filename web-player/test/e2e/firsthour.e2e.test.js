// The first look at a story, as a viewer sees it in Chromium: the Play pill does not cover the
// poster's title, the end's credits and "Watch again" do not cover the last title card, the
// bridge's drift keeps the whole picture (its burnt-in label and caption) inside the frame, and
// the words a viewer reads carry no API paths and no "1 errors".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, launchChromium, warm, OUT, REPO } from './harness.js';
import { probe, waitForEvent } from './probe.js';

let engine;
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  engine = await startEngine(join(REPO, 'web-player/test/e2e/stories-firsthour'));
  browser = await launchChromium();
  await warm(engine.url, 'titled');
});

after(async () => {
  await browser?.close();
  await engine?.stop();
});

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 480, height: 900 } });
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.addInitScript(probe, { frames: false });
  await page.goto(engine.url + path);
  return page;
}

/**
 * The rows of `source` (an image URL, or 'video' for the player's current frame) that hold a title
 * card's text (near-white on the card's dark gradient), mapped onto the page: {top, bottom}.
 */
function textRows(page, source) {
  return page.evaluate(async (source) => {
    const player = document.querySelector('branchline-player');
    const host = player.getBoundingClientRect();
    let picture;
    if (source === 'video') {
      picture = player.shadowRoot.querySelector('video');
    } else {
      picture = new Image();
      picture.src = source;
      await picture.decode();
    }
    const w = picture.videoWidth || picture.naturalWidth;
    const h = picture.videoHeight || picture.naturalHeight;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    g.drawImage(picture, 0, 0, w, h);
    const data = g.getImageData(0, 0, w, h).data;
    let first = -1;
    let last = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 190) {
          if (first < 0) first = y;
          last = y;
          break;
        }
      }
    }
    if (first < 0) return null;
    // The picture fills the 9:16 host (object-fit: contain on a 9:16 frame).
    return { top: host.top + (first / h) * host.height, bottom: host.top + ((last + 1) / h) * host.height };
  }, source);
}

function box(page, selector) {
  return page.evaluate((selector) => {
    const el = document.querySelector('branchline-player').shadowRoot.querySelector(selector);
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  }, selector);
}

const apart = (a, b) => a.bottom <= b.top || b.bottom <= a.top;

test('the Play pill leaves the poster title readable', async () => {
  const page = await open('/watch/titled');
  await page.locator('branchline-player .start button').waitFor({ state: 'visible' });
  const title = await textRows(page, '/api/stories/titled/poster.jpg');
  assert.ok(title && title.bottom - title.top > 8, `the poster shows a title: ${JSON.stringify(title)}`);
  const pill = await box(page, '.start .big');
  assert.ok(apart(pill, title), `the Play pill ${JSON.stringify(pill)} covers the title ${JSON.stringify(title)}`);
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'firsthour-poster.png') });
  await page.close();
});

test('the end credits and "Watch again" leave the last title card readable', async () => {
  const page = await open('/watch/titled');
  await page.locator('branchline-player .start button').click();
  await waitForEvent(page, 'ended', 1, 30000);
  await page.locator('branchline-player .end .replay').waitFor({ state: 'visible' });
  const title = await textRows(page, 'video');
  assert.ok(title, 'the last frame shows the title card');
  const credits = await box(page, '.end .credits');
  const again = await box(page, '.end .replay');
  assert.match(await page.locator('branchline-player .end .credits').textContent(), /A\. Writer/);
  assert.ok(apart(credits, title), `the credits ${JSON.stringify(credits)} cover the title ${JSON.stringify(title)}`);
  assert.ok(apart(again, title), `"Watch again" ${JSON.stringify(again)} covers the title ${JSON.stringify(title)}`);
  assert.ok(apart(credits, again), 'the credits and the button do not overlap each other');
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'firsthour-end.png') });
  await page.close();
});

test('the bridge drifts inside the frame: the label and caption are never cropped', async () => {
  const page = await open('/watch/titled');
  await page.locator('branchline-player .start button').waitFor({ state: 'visible' });
  const frames = await page.evaluate(async () => {
    const player = document.querySelector('branchline-player');
    const video = player.shadowRoot.querySelector('video');
    player.bridge(true);
    const [drift] = video.getAnimations();
    if (!drift) return null;
    drift.pause();
    const host = player.getBoundingClientRect();
    const seen = [];
    // Every tenth of the way, both directions of the alternating drift.
    for (let t = 0; t <= 14000; t += 700) {
      drift.currentTime = t;
      const r = video.getBoundingClientRect();
      seen.push({ t, left: r.left - host.left, top: r.top - host.top, right: host.right - r.right, bottom: host.bottom - r.bottom });
    }
    return seen;
  });
  assert.ok(frames, 'the video drifts while the bridge shows');
  const moved = frames.some((f) => Math.abs(f.left) > 1 || Math.abs(f.top) > 1);
  assert.ok(moved, 'it does drift');
  for (const f of frames) {
    assert.ok(f.left >= -0.5 && f.top >= -0.5 && f.right >= -0.5 && f.bottom >= -0.5,
      `at ${f.t} ms the picture reaches outside the frame (margins ${JSON.stringify(f)}): the label or caption is cropped`);
  }
  await page.close();
});

test('a story that cannot be played is explained in a viewer\'s words', async () => {
  const page = await open('/watch/broken');
  const error = await waitForEvent(page, 'error');
  const shown = await page.locator('branchline-player .error .message').textContent();
  assert.match(shown, /cannot be played yet/);
  for (const developer of [/GET /, /\/api\//, /\b1 errors\b/, /\bnot served\b/]) assert.doesNotMatch(shown, developer);
  assert.match(error.detail.reason, /has 1 error and is not served/, 'the server\'s words, plural right, for the embedding page');
  await page.close();

  const list = await open('/');
  await list.locator('.broken li').first().waitFor();
  const line = await list.locator('.broken li').first().textContent();
  assert.match(line, /1 error to fix/);
  assert.doesNotMatch(line, /1 errors/);
  await list.close();
});
