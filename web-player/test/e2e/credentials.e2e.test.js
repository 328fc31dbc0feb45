// The "AI" badge in Debian's Chromium against the real engine: while the generated scene of
// stories-credentials/badge plays, and only then, an "AI" button shows over the video; Tab
// reaches it, Enter opens what made the scene and that its Content Credentials verify, Escape
// closes it. The credentials are the engine's real signed segments, checked in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startEngine, launchChromium, warm, REPO, OUT } from './harness.js';
import { probe, waitForEvent, seen } from './probe.js';

let engine;
let browser;
let stored; // the warmed session's VIEW: each visit's content key

before(async () => {
  mkdirSync(OUT, { recursive: true });
  engine = await startEngine(join(REPO, 'web-player/test/e2e/stories-credentials'));
  browser = await launchChromium();
  stored = await warm(engine.url, 'badge'); // every scene stored before the page plays: no stall decides anything
});

after(async () => {
  await browser?.close();
  await engine?.stop();
});

/** In the page: each presented frame's media time, with whether the badge was showing. */
function badgeWatch() {
  const state = { samples: [] };
  window.__badge = state;
  const attach = () => {
    const root = document.querySelector('branchline-player')?.shadowRoot;
    const video = root?.querySelector('video');
    if (!video) return setTimeout(attach, 10);
    const onFrame = (now, meta) => {
      state.samples.push({ media: meta.mediaTime, shown: !root.querySelector('.ai-badge').hidden });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  attach();
}

/** The shadow root's focused element, as "class" (or tag). */
const focused = (page) => page.evaluate(() => {
  const a = document.querySelector('branchline-player').shadowRoot.activeElement;
  return a ? a.className || a.localName : null;
});

test('the "AI" badge shows while the generated scene plays, not over the colour or the title card, and opens its verified credentials', async () => {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
  await page.addInitScript(probe, { frames: false });
  await page.addInitScript(badgeWatch);
  await page.addInitScript(() => {
    window.__credentials = [];
    document.addEventListener('credentials', (e) => window.__credentials.push(e.detail), true);
  });
  await page.goto(`${engine.url}/embed/badge?muted=1&autoplay=1`);
  const badge = page.locator('branchline-player .ai-badge');
  const panel = page.locator('branchline-player .ai-about');

  // The colour plays: no badge.
  await waitForEvent(page, 'scenechange', 1);
  await page.waitForFunction(() => window.__credentials.length >= 1);
  assert.equal(await badge.isHidden(), true, 'no badge over the colour');

  // The generated scene: hold it there, then reach the badge from the page with the keyboard.
  const lighthouse = await waitForEvent(page, 'scenechange', 2);
  await page.evaluate(() => document.querySelector('branchline-player').pause());
  assert.equal(lighthouse.detail.scene, 'lighthouse');
  await badge.waitFor({ state: 'visible' });
  assert.equal(await badge.textContent(), 'AI');
  assert.equal(await badge.getAttribute('aria-label'), 'AI-generated scene: about this video');
  const credentials = await page.evaluate(() => window.__credentials.find((c) => c.scene === 'lighthouse'));
  assert.equal(credentials.generated, true);
  assert.equal(credentials.verified, true, JSON.stringify(credentials.problems));

  await page.evaluate(() => document.activeElement?.blur());
  let presses = 0;
  while ((await focused(page)) !== 'ai-badge' && presses < 10) {
    await page.keyboard.press('Tab');
    presses++;
  }
  assert.equal(await focused(page), 'ai-badge', `Tab reaches the badge (${presses} presses)`);
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await focused(page), 'ai-close', 'focus moves into the panel');
  assert.equal(await badge.getAttribute('aria-expanded'), 'true');

  // What the panel says, next to what the server publishes.
  const pem = await (await fetch(`${engine.url}/.well-known/branchline-cert.pem`)).text();
  const fingerprint = createHash('sha256').update(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64')).digest('hex');
  assert.equal(credentials.signer.fingerprint, fingerprint, 'signed with the certificate the server publishes');
  const text = await panel.innerText();
  assert.match(text, /^Made by a model/);
  assert.match(text, /CppnFrameGenerator \(generator\)\s+cppn-1-cpu-[0-9a-f]{12}…/);
  assert.match(text, /“a lighthouse in fog at dawn”/);
  assert.match(text, /Full quality/);
  assert.match(text, new RegExp(`Content Credentials: verified — signed by CN=Branchline server [0-9a-f]+, O=Branchline \\(fingerprint ${fingerprint.slice(0, 12)}…\\)`));
  assert.equal(await panel.locator('a').getAttribute('href'), '/.well-known/branchline-cert.pem');
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'ai-badge-panel.png') });

  // Where it sits: top right, clear of the label burned in top left and of the captions below.
  const box = await page.locator('branchline-player').boundingBox();
  const b = await badge.boundingBox();
  assert.ok(b.x > box.x + box.width / 2, `the badge is on the right half (${b.x - box.x} of ${box.width})`);
  assert.ok(b.y + b.height < box.y + box.height * 0.2, `the badge is in the top fifth (${b.y + b.height - box.y} of ${box.height})`);

  // Escape closes it and gives focus back; a click opens it and the × closes it.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await focused(page), 'ai-badge');
  assert.equal(await badge.getAttribute('aria-expanded'), 'false');
  await badge.click();
  await panel.waitFor({ state: 'visible' });
  await page.locator('branchline-player .ai-close').click();
  await panel.waitFor({ state: 'hidden' });

  // Play on to the end: the badge goes with the generated scene.
  await page.evaluate(() => document.querySelector('branchline-player').play());
  await waitForEvent(page, 'ended');
  const { samples } = await page.evaluate(() => window.__badge);
  const s = await seen(page);
  const changes = s.events.filter((e) => e.name === 'scenechange').map((e) => e.detail);
  assert.deepEqual(changes.map((c) => c.scene), ['colour', 'lighthouse', 'card']);
  const [, gen, card] = changes.map((c) => c.start / 1000);
  // The badge follows the player's clock, read a few times a second: a little slack at each join.
  const slack = 0.35;
  const during = (from, to) => samples.filter((x) => x.media >= from && x.media < to);
  assert.ok(during(0.05, gen - slack).length > 20, 'frames of the colour were seen');
  assert.deepEqual(during(0.05, gen - slack).filter((x) => x.shown), [], 'no badge over the colour');
  assert.ok(during(gen + slack, card - 0.05).length > 30, 'frames of the generated scene were seen');
  assert.deepEqual(during(gen + slack, card - 0.05).filter((x) => !x.shown), [], 'the badge over every frame of the generated scene');
  assert.ok(during(card + slack, 99).length > 20, 'frames of the title card were seen');
  assert.deepEqual(during(card + slack, 99).filter((x) => x.shown), [], 'no badge over the title card');

  const events = await page.evaluate(() => window.__credentials);
  assert.deepEqual(events.map((c) => [c.scene, c.generated, c.verified]), [['colour', false, true], ['lighthouse', true, true], ['card', false, true]]);
  assert.deepEqual(events.map((c) => c.sourceType.split('/').pop()), ['digitalCreation', 'trainedAlgorithmicMedia', 'digitalCreation']);
  assert.deepEqual(s.waiting, [], 'reading the credentials never held up the video');
  await page.close();
});

test('a segment changed on its way shows the badge with "not verified" and the reason, and still plays', async () => {
  const key = stored.history.find((v) => v.scene === 'lighthouse').key;
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
  page.on('requestfailed', (r) => !r.url().endsWith('/position') && console.error(`[request failed] ${r.url()} ${r.failure()?.errorText}`));
  // Someone on the way rewrites what the generated scene's signed records say about it (its
  // tier) in each of its segments (the player reads whichever comes first); the picture is
  // untouched, so only the credentials can tell.
  await page.route(`${engine.url}/segments/${key}/seg-*.m4s`, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    const at = body.indexOf('full', body.indexOf('io.branchline.visit'));
    body.write('fuLL', at);
    await route.fulfill({ response, body });
  });
  await page.addInitScript(probe, { frames: false });
  await page.addInitScript(() => {
    window.__credentials = [];
    document.addEventListener('credentials', (e) => window.__credentials.push(e.detail), true);
  });
  await page.goto(`${engine.url}/embed/badge?muted=1&autoplay=1`);
  await waitForEvent(page, 'scenechange', 2);
  await page.evaluate(() => document.querySelector('branchline-player').pause());
  const badge = page.locator('branchline-player .ai-badge');
  await badge.waitFor({ state: 'visible' });
  const c = await page.evaluate(() => window.__credentials.find((x) => x.scene === 'lighthouse'));
  assert.deepEqual([c.found, c.verified, c.generated], [true, false, true]);
  await badge.click();
  const text = await page.locator('branchline-player .ai-about').innerText();
  assert.match(text, /Content Credentials: not verified: assertion io\.branchline\.visit was changed after it was signed/);
  assert.doesNotMatch(text, /verified —/);
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'ai-badge-unverified.png') });
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.querySelector('branchline-player').play());
  await waitForEvent(page, 'ended');
  assert.deepEqual((await seen(page)).events.filter((e) => e.name === 'error'), [], 'no player error');
  await page.close();
});
