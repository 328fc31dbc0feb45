// The player in Debian's Chromium against the real engine: what a viewer sees and hears of
// it (the colour of each scene's frames, stalls, black frames, the options, the messages).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, launchChromium, warm, OUT } from './harness.js';
import { probe, waitForEvent, seen, colourBetween } from './probe.js';

let engine;
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  // The "miss" story's generated scene starts rendering 4 s late, so its prediction misses on any machine.
  engine = await startEngine(undefined, { javaOptions: ['-Dbranchline.faults.lateRenderMs=4000'] });
  browser = await launchChromium();
  await warm(engine.url, 'fork'); // every branch of the hub pre-rendered before any stall is counted
  await warm(engine.url, 'cut');
});

after(async () => {
  await browser?.close();
  await engine?.stop();
});

async function open(path) {
  const page = await browser.newPage();
  // What went wrong in the page, on stderr, for when a test fails.
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
  // (Chromium's protocol calls every 204 answer "aborted", though fetch gets it: skip those.)
  page.on('requestfailed', (r) => !r.url().endsWith('/position') && console.error(`[request failed] ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 500 && console.error(`[response] ${r.status()} ${r.url()}`));
  await page.addInitScript(probe);
  await page.goto(engine.url + path);
  return page;
}

/** The colour of the frames of the visit a scenechange announced (its first ~0.9 s). */
function sceneColour(frames, change) {
  const start = change.detail.start / 1000;
  return colourBetween(frames, start + 0.05, start + 0.9);
}

test('picks by mouse, keyboard and timer each play the chosen scene, with no stall and no black frame', async () => {
  const page = await open('/embed/fork?muted=1');
  await waitForEvent(page, 'ready');
  const play = page.locator('branchline-player .start button');
  await play.click();

  // 1: the mouse takes Blue (not the default: what was appended ahead has to go).
  await waitForEvent(page, 'choiceopen', 1);
  const blue = page.locator('branchline-player .option', { hasText: 'Blue' });
  await blue.waitFor({ state: 'visible' });
  assert.equal(await page.locator('branchline-player .option.default .label').textContent(), 'Green', 'the default is marked');
  assert.match(await page.locator('branchline-player .countdown .seconds').textContent(), /^[12]$/, 'a countdown is shown');
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'choice.png') });
  await blue.click();
  const first = await waitForEvent(page, 'choice', 1);
  assert.deepEqual([first.detail.option, first.detail.by], [1, 'viewer']);
  assert.equal(await page.locator('branchline-player .option.picked .label').textContent(), 'Blue', 'the option taken is shown');

  // 2: the keyboard: focus is on the options; ArrowDown moves from Green to Blue, Enter takes it.
  await waitForEvent(page, 'choiceopen', 2);
  await page.locator('branchline-player .option.default').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('branchline-player').shadowRoot.activeElement?.textContent), '1Greendefault', 'focus moved to the options');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = await waitForEvent(page, 'choice', 2);
  assert.deepEqual([second.detail.option, second.detail.by], [1, 'viewer']);

  // 3: nobody picks: the timer takes Green.
  await waitForEvent(page, 'choiceopen', 3);
  const third = await waitForEvent(page, 'choice', 3);
  assert.deepEqual([third.detail.option, third.detail.by], [0, 'timer']);

  // 4: the number key 3 takes "Stop": the story ends and offers to start again.
  await waitForEvent(page, 'choiceopen', 4);
  await page.locator('branchline-player .option.default').waitFor({ state: 'visible' });
  await page.keyboard.press('3');
  await waitForEvent(page, 'ended');
  await page.locator('branchline-player .replay').waitFor({ state: 'visible' });
  assert.equal(await page.locator('branchline-player .credits').textContent(), 'The end.\nFork, a story by Branchline tests', 'the credits name the author');
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'ended.png') });
  const s = await seen(page);

  // Watch again: a new session from the start.
  await page.locator('branchline-player .replay').click();
  const again = await waitForEvent(page, 'ready', 2);
  assert.notEqual(again.detail.session, (await waitForEvent(page, 'ready', 1)).detail.session);
  await page.locator('branchline-player .replay').waitFor({ state: 'hidden' });

  const changes = s.events.filter((e) => e.name === 'scenechange');
  assert.deepEqual(changes.map((c) => c.detail.scene), ['hub', 'blue', 'hub', 'blue', 'hub', 'green', 'hub']);
  assert.deepEqual(changes.map((c) => sceneColour(s.frames, c)), ['red', 'blue', 'red', 'blue', 'red', 'green', 'red'], 'each scene shows its own colour');
  assert.deepEqual(s.waiting, [], 'the video never waited for data');
  assert.deepEqual(s.frames.filter((f) => f.colour === 'black'), [], 'no black frame');
  assert.ok(s.frames.length > 300, `frames were sampled (${s.frames.length})`);
  await page.close();
});

test('a pick at a `cut` choice ends the scene at the next segment, with no stall and no black frame', async () => {
  const page = await open('/embed/cut?muted=1&autoplay=1');
  await waitForEvent(page, 'choiceopen');
  await page.locator('branchline-player .option', { hasText: 'Blue' }).click();
  const blue = await waitForEvent(page, 'scenechange', 2);
  assert.equal(blue.detail.scene, 'blue');
  assert.ok(blue.detail.start < 5000 && blue.detail.start % 1000 === 0, `blue starts at a segment boundary before the red scene's end (${blue.detail.start})`);
  await waitForEvent(page, 'ended');
  const s = await seen(page);
  assert.equal(colourBetween(s.frames, 0.05, blue.detail.start / 1000 - 0.05), 'red');
  const after = s.frames.filter((f) => f.media > blue.detail.start / 1000 + 0.05);
  assert.ok(after.length > 40, `frames after the cut were sampled (${after.length})`);
  assert.deepEqual(after.filter((f) => f.colour !== 'blue'), [], 'only blue after the cut: the red scene\'s removed tail never plays');
  assert.deepEqual(s.waiting, [], 'the video never waited for data');
  assert.deepEqual(s.frames.filter((f) => f.colour === 'black'), [], 'no black frame');
  await page.close();
});

test('captions show by default and the CC button switches them; back replays the previous choice', async () => {
  const page = await open('/watch/fork?muted=1');
  await waitForEvent(page, 'ready');
  await page.locator('branchline-player .start button').click();
  await page.waitForFunction(() => {
    const track = document.querySelector('branchline-player').shadowRoot.querySelector('video').textTracks[0];
    return track?.activeCues?.length > 0;
  });
  const track = () => page.evaluate(() => {
    const t = document.querySelector('branchline-player').shadowRoot.querySelector('video').textTracks[0];
    return { mode: t.mode, active: [...(t.activeCues || [])].map((c) => c.text) };
  });
  assert.deepEqual(await track(), { mode: 'showing', active: ['Which way?'] });
  await page.locator('branchline-player .cc').click();
  assert.equal((await track()).mode, 'hidden');
  assert.equal(await page.locator('branchline-player .cc').getAttribute('aria-pressed'), 'false');

  await waitForEvent(page, 'choiceopen', 1);
  await page.locator('branchline-player .option', { hasText: 'Blue' }).click();
  await waitForEvent(page, 'scenechange', 2);
  await page.locator('branchline-player .back').click();
  const again = await waitForEvent(page, 'scenechange', 3);
  assert.equal(again.detail.scene, 'hub', 'back plays the scene of the previous choice again');
  const s = await seen(page);
  assert.deepEqual(s.frames.filter((f) => f.colour === 'black'), []);
  await page.close();
});

test('errors are told clearly: a story with errors, no such story, no server, an expired session', async () => {
  let page = await open('/embed/broken');
  const broken = await waitForEvent(page, 'error');
  assert.deepEqual([broken.detail.type, broken.detail.details, broken.detail.fatal, broken.detail.status], ['storyError', 'storyHasErrors', true, 409]);
  await page.locator('branchline-player .error', { hasText: 'has errors' }).waitFor({ state: 'visible' });
  await page.close();

  page = await open('/embed/no-such-story');
  assert.equal((await waitForEvent(page, 'error')).detail.details, 'storyNotFound');
  await page.locator('branchline-player .error', { hasText: 'no such story' }).waitFor({ state: 'visible' });
  await page.evaluate(() => {
    document.querySelector('branchline-player').remove();
    const p = document.createElement('branchline-player');
    p.setAttribute('server', 'http://127.0.0.1:9');
    p.setAttribute('story', 'fork');
    document.body.append(p);
  });
  const gone = await page.waitForFunction(() => window.__probe.events.find((e) => e.detail?.details === 'serverUnreachable'));
  assert.equal((await gone.jsonValue()).detail.fatal, true);
  await page.locator('branchline-player .error', { hasText: 'cannot be reached' }).waitFor({ state: 'visible' });
  await page.close();

  page = await open('/embed/fork?muted=1&autoplay=1');
  await waitForEvent(page, 'ready');
  await page.route('**/api/sessions/**', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"status":404,"title":"No such session","detail":"expired"}' }));
  const expired = await waitForEvent(page, 'error');
  assert.deepEqual([expired.detail.details, expired.detail.fatal], ['sessionExpired', true]);
  await page.locator('branchline-player .error', { hasText: 'expired' }).waitFor({ state: 'visible' });
  await page.screenshot({ path: join(OUT, 'expired.png') });
  await page.close();
});

test('the watch page starts at the scene its address names (the studio\'s "watch from here")', async () => {
  const page = await open('/watch/fork?scene=blue&muted=1');
  await waitForEvent(page, 'ready');
  await page.locator('branchline-player .start button').click();
  const first = await waitForEvent(page, 'scenechange');
  assert.equal(first.detail.scene, 'blue');
  await page.waitForFunction(() => window.__probe.frames.length > 10);
  assert.equal(colourBetween((await seen(page)).frames, 0.05, 0.9), 'blue');
  await page.close();
});

test('a question takes a typed answer, and the story says it back', async () => {
  const page = await open('/embed/ask?muted=1&autoplay=1');
  const open_ = await waitForEvent(page, 'choiceopen');
  assert.deepEqual([open_.detail.kind, open_.detail.text], ['question', 'Who is there?']);
  const field = page.locator('branchline-player .question input');
  await field.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('branchline-player').shadowRoot.activeElement?.localName), 'input', 'focus moved to the field');
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  const answered = await waitForEvent(page, 'choice');
  assert.deepEqual([answered.detail.by, answered.detail.text], ['answer', 'Ada']);
  await page.waitForFunction(() => {
    const t = document.querySelector('branchline-player').shadowRoot.querySelector('video').textTracks[0];
    return [...(t?.activeCues || [])].some((c) => c.text === 'Welcome, Ada.');
  }, null, { timeout: 20000 });
  await waitForEvent(page, 'ended');
  await page.close();
});

test('without Media Source Extensions the player plays the HLS playlist, and choices still work', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    delete window.MediaSource; // as on an iPhone before iOS 17.1
    delete window.ManagedMediaSource;
  });
  await page.addInitScript(probe, { frames: false });
  await page.goto(engine.url + '/embed/fork?muted=1&autoplay=1');
  await waitForEvent(page, 'ready');
  const video = () => page.evaluate(() => {
    const v = document.querySelector('branchline-player').shadowRoot.querySelector('video');
    return { src: v.src, time: v.currentTime, error: v.error?.message ?? null };
  });
  assert.match((await video()).src, /\/sessions\/[^/]+\/main\.m3u8$/);
  await waitForEvent(page, 'choiceopen');
  await page.locator('branchline-player .option', { hasText: 'Blue' }).click();
  const blue = await waitForEvent(page, 'scenechange', 2);
  assert.equal(blue.detail.scene, 'blue');
  await page.waitForFunction((t) => document.querySelector('branchline-player').shadowRoot.querySelector('video').currentTime > t, blue.detail.start / 1000 + 1);
  assert.equal((await video()).error, null);
  await page.close();
});

test('the list of stories shows each playable story with its poster, title and length', async () => {
  const page = await browser.newPage();
  await page.goto(engine.url + '/');
  await page.locator('.story').first().waitFor();
  const stories = await page.$$eval('.story', (items) => items.map((i) => ({
    href: i.querySelector('a').getAttribute('href'),
    title: i.querySelector('.title').textContent,
    length: i.querySelector('.length').textContent,
  })));
  assert.deepEqual(stories, [
    { href: '/watch/ask', title: 'Ask', length: '5 s' },
    { href: '/watch/cut', title: 'Cut', length: '7 s' },
    { href: '/watch/fork', title: 'Fork', length: '3 s or more' },
    { href: '/watch/loop', title: 'Loop', length: 'endless' },
    { href: '/watch/miss', title: 'Miss', length: '3 s – 4 s' },
  ]);
  await page.waitForFunction(() => [...document.querySelectorAll('.story img')].every((img) => img.complete && img.naturalWidth > 0));
  await page.close();
});

test('a missed prediction is bridged: the last frame stays, drifting, until the late scene plays; the engine counts the stall', async () => {
  const page = await open('/embed/miss?muted=1&autoplay=1');
  await waitForEvent(page, 'choiceopen');
  const rare = page.locator('branchline-player .option', { hasText: 'Rare' });
  await rare.waitFor({ state: 'visible' });
  await rare.click();
  const stall = await waitForEvent(page, 'stall', 1, 30000);
  assert.equal(stall.detail.scene, 'rare', `the late scene is named: ${JSON.stringify(stall)} after ${JSON.stringify((await seen(page)).events.map((e) => [e.name, e.media]))}`);
  // While bridged: the held frame drifts and the sign shows; the screenshot goes with the results.
  const during = await page.evaluate(() => {
    const root = document.querySelector('branchline-player').shadowRoot;
    const video = root.querySelector('video');
    return { drifting: video.classList.contains('bridging') && getComputedStyle(video).animationName, sign: !root.querySelector('.bridge').hidden };
  });
  await page.locator('branchline-player').screenshot({ path: join(OUT, 'bridge.png') });
  const ended = waitForEvent(page, 'ended', 1, 60000);
  const change = await waitForEvent(page, 'scenechange', 2, 60000);
  assert.equal(change.detail.scene, 'rare');
  await ended;
  const s = await seen(page);
  assert.deepEqual(during, { drifting: 'bridge-drift', sign: true });
  assert.equal(await page.locator('branchline-player .bridge').isHidden(), true, 'the bridge goes once the scene plays');
  assert.ok(s.waiting.length >= 1, 'the video did wait: this was a real miss');
  const held = s.frames.filter((f) => f.media < 2.0);
  assert.equal(colourBetween(held, 1.5, 2.0), 'red', 'the last frame before the bridge is the hub\'s');
  assert.deepEqual(s.frames.filter((f) => f.media < 2.0 && f.colour === 'black'), [], 'no black frame before or at the bridge');
  const metrics = await (await fetch(`${engine.url}/metrics`)).text();
  const stalls = Number(/^branchline_stalls_total\S* ([0-9.]+)/m.exec(metrics)?.[1] ?? 0);
  assert.ok(stalls >= 1, `the engine counted the stall (branchline_stalls_total ${stalls})`);
  await page.close();
});
