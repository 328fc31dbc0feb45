// The studio in Debian's Chromium against the real engine: the story map, a scene's source
// line, the diagnostics, "watch from here", render status and live recompilation. The engine
// serves a copy of the fixture stories, since the test edits one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, launchChromium, warm, STORIES, OUT } from './harness.js';

let engine;
let browser;
let stories;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  stories = mkdtempSync(join(tmpdir(), 'branchline-studio-'));
  cpSync(STORIES, stories, { recursive: true });
  engine = await startEngine(stories);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await engine?.stop();
  rmSync(stories, { recursive: true, force: true });
});

const nodes = (page) => page.$$eval('svg g.node:not(.end)', (gs) => gs.map((g) => ({ scene: g.dataset.scene, label: g.getAttribute('aria-label') })));

test('the studio maps the story, shows render status, opens source lines and watches from a scene', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${engine.url}/studio/fork`);
  await page.locator('svg g.node').first().waitFor();
  // The engine renders each story's first scene before anyone watches; the rest waits for viewers.
  await page.waitForFunction(() => document.querySelector('svg g.node[data-scene="hub"]')?.getAttribute('aria-label') === 'Scene hub, rendered', null, { timeout: 20000 });
  assert.deepEqual((await nodes(page)).map((n) => n.label), ['Scene hub, rendered', 'Scene green, missing', 'Scene blue, missing']);
  assert.equal(await page.locator('#title').textContent(), 'Fork');
  assert.equal(await page.locator('svg g.node.end').count(), 1, 'the ending has its node');
  assert.deepEqual(await page.$$eval('svg g.edge text tspan:first-of-type', (t) => t.map((x) => x.textContent)), ['Green', 'Blue', 'Stop'], 'every option is labelled, the one to the end too');

  // A viewer starts watching: the map follows what gets rendered (both branches, ahead of the pick).
  await warm(engine.url, 'fork');
  await page.waitForFunction(() => document.querySelector('svg g.node[data-scene="blue"]')?.getAttribute('aria-label') === 'Scene blue, rendered', null, { timeout: 15000 });
  const statuses = Object.fromEntries((await nodes(page)).map((n) => [n.scene, n.label.split(', ')[1]]));
  assert.deepEqual(statuses, { hub: 'rendered', green: 'rendered', blue: 'rendered' }, 'the hub and both branches were rendered ahead');

  // Click a scene: its source line is shown, and "watch from here" opens the watch page there.
  await page.locator('svg g.node[data-scene="blue"]').click();
  await page.locator('#source span.hit').waitFor();
  assert.equal(await page.locator('#source span.hit').textContent(), '=== blue ===');
  await page.screenshot({ path: join(OUT, 'studio.png') });
  const [watch] = await Promise.all([page.waitForEvent('popup'), page.locator('#scene button', { hasText: 'Watch from here' }).click()]);
  await watch.waitForLoadState();
  assert.equal(new URL(watch.url()).pathname + new URL(watch.url()).search, '/watch/fork?scene=blue');
  await watch.close();

  // The author breaks the story: the map gives way to the diagnostics, live, with a link to the line.
  const file = join(stories, 'fork/fork.story');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('-> hub\n\n=== blue ===', '-> hubb\n\n=== blue ==='));
  await page.locator('#diagnostics a.error').waitFor({ timeout: 15000 });
  const diagnostic = await page.locator('#diagnostics a.error').first().textContent();
  assert.match(diagnostic, /fork\.story:\d+:\d+ error BL0030/);
  assert.match(await page.locator('#graph').textContent(), /has errors/);
  await page.locator('#diagnostics a.error').first().click();
  // The source shown before (the blue scene's) gives way to the line of the mistake.
  await page.waitForFunction(() => document.querySelector('#source span.hit')?.textContent === '-> hubb', null, { timeout: 10000 });
  assert.match(await page.locator('#source').getAttribute('aria-label'), /fork\.story, line \d+/);

  // Fixed again: the map comes back.
  writeFileSync(file, text);
  await page.locator('svg g.node').first().waitFor({ timeout: 15000 });
  assert.match(await page.locator('#live').textContent(), /updated/);
  await page.close();
});
