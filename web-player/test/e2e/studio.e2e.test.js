// The studio in Debian's Chromium against the real engine: the story map, render status, the
// editor (diagnostics of unsaved text as the author types, save, a save refused when the file
// changed on disk, "watch from here" from the cursor's scene), the last good map kept while
// the story has errors, and a map that stays readable for every bundled story and a generated
// 60-scene one. The engine serves copies of the stories in a temporary folder, since the tests
// edit them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, launchChromium, warm, ready, STORIES, OUT, REPO } from './harness.js';
import { probe, seen, colourBetween } from './probe.js';

let engine;
let browser;
let stories;
const BUNDLED = readdirSync(join(REPO, 'stories'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** A story of `acts` × `perAct` scenes, each with two options into the next act (long labels, a timer). */
function generatedStory(acts = 10, perAct = 6) {
  const id = (a, k) => `act${a}_scene${k}`;
  let text = 'title: Sixty Scenes\nformat: 240x426 30fps\nsegment: 1s\n';
  for (let a = 0; a < acts; a++) {
    for (let k = 0; k < perAct; k++) {
      text += `\n=== ${id(a, k)} ===\nshot 1s color "#203040"\n`;
      if (a === acts - 1) { text += '-> END\n'; continue; }
      text += `choice 2s default ${id(a + 1, k)}\n  * "Stay on the path of scene ${k} and see what act ${a + 1} holds" -> ${id(a + 1, k)}\n`;
      text += `  * "Turn back" -> ${id(a + 1, (k * 5 + 2) % perAct)}\n`;
    }
  }
  return text;
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  stories = mkdtempSync(join(tmpdir(), 'branchline-studio-'));
  cpSync(STORIES, stories, { recursive: true });
  for (const name of BUNDLED) cpSync(join(REPO, 'stories', name), join(stories, name), { recursive: true });
  mkdirSync(join(stories, 'sixty'));
  writeFileSync(join(stories, 'sixty/sixty.story'), generatedStory());
  // A first story as a new author makes it.
  execFileSync('java', ['-jar', join(REPO, 'engine/target/branchline.jar'), 'new', 'first-story', '--dir', stories], { stdio: 'pipe' });
  engine = await startEngine(stories);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await engine?.stop();
  rmSync(stories, { recursive: true, force: true });
});

const nodes = (page) => page.$$eval('svg g.node:not(.end)', (gs) => gs.map((g) => ({ scene: g.dataset.scene, label: g.getAttribute('aria-label') })));

async function studio(story, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/409|Conflict/.test(m.text()) && console.error(`[console] ${m.text()}`));
  await page.goto(`${engine.url}/studio/${story}`);
  await page.locator('svg g.node').first().waitFor();
  await page.locator('.cm-content').waitFor();
  return page;
}

/** The editor's text, as CodeMirror holds it. */
const editorText = (page) => page.evaluate(() => [...document.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));

/** Puts the cursor at the end of the editor's line that reads exactly `text`. */
async function cursorAtEndOf(page, text) {
  const line = page.locator('.cm-line', { hasText: text }).first();
  await line.scrollIntoViewIfNeeded();
  await line.click();
  await page.keyboard.press('End');
}

test('the studio maps the story, shows render status, opens a scene in the editor and watches from it', async () => {
  const page = await studio('fork', { width: 1400, height: 900 });
  // The engine renders each story's first scene before anyone watches (at either tier: with every
  // story's first scene to make at once, it may draft some and upgrade them later); the rest waits
  // for viewers. It says when it is done; how long that takes depends on the machine.
  await ready(engine.url);
  await page.waitForFunction(() => ['Scene hub, rendered', 'Scene hub, draft']
    .includes(document.querySelector('svg g.node[data-scene="hub"]')?.getAttribute('aria-label')), null, { timeout: 20000 });
  const first = (await nodes(page)).map((n) => n.label).sort();
  console.log(`# the map before anyone watched: ${JSON.stringify(first)}`);
  assert.deepEqual(first.slice(0, 2), ['Scene blue, missing', 'Scene green, missing']);
  assert.ok(['Scene hub, rendered', 'Scene hub, draft'].includes(first[2]), first[2]);
  assert.equal(await page.locator('#title').textContent(), 'Fork');
  assert.equal(await page.locator('svg g.node.end').count(), 1, 'the ending has its node');
  assert.deepEqual((await page.$$eval('svg g.label tspan.option', (t) => t.map((x) => x.textContent))).sort(), ['Blue', 'Green', 'Stop'],
    'every option is labelled, the one to the end too');
  assert.match(await page.locator('#summary').textContent(), /3 scenes · 0 errors · 0 warnings/);

  // A viewer starts watching: the map follows what gets rendered (both branches, ahead of the pick).
  // At either tier: on a busy machine the engine renders the branches as drafts first (the render
  // ladder) and their full tier later, when nothing else waits; the map says which.
  await warm(engine.url, 'fork');
  await page.waitForFunction(() => ['Scene blue, rendered', 'Scene blue, draft']
    .includes(document.querySelector('svg g.node[data-scene="blue"]')?.getAttribute('aria-label')), null, { timeout: 15000 });
  const statuses = Object.fromEntries((await nodes(page)).map((n) => [n.scene, n.label.split(', ')[1]]));
  console.log(`# the map after a viewer started: ${JSON.stringify(statuses)}`);
  for (const branch of ['hub', 'green', 'blue']) {
    assert.ok(['rendered', 'draft'].includes(statuses[branch]), `${branch} was rendered (the branches ahead of the pick): ${statuses[branch]}`);
  }

  // Click a scene: the editor opens its file at its heading, and "watch from here" opens the watch page there.
  await page.locator('svg g.node[data-scene="blue"]').click();
  await page.waitForFunction(() => document.querySelector('.cm-activeLine')?.textContent === '=== blue ===');
  assert.equal(await page.locator('#scene .rendered-by').textContent(), 'Rendered by this engine.', 'who rendered the visit');
  await page.screenshot({ path: join(OUT, 'studio.png') });
  const [watch] = await Promise.all([page.waitForEvent('popup'), page.locator('#scene button', { hasText: 'Watch from here' }).click()]);
  await watch.waitForLoadState();
  assert.equal(new URL(watch.url()).pathname + new URL(watch.url()).search, '/watch/fork?scene=blue');
  await watch.close();
  await page.close();
});

test('the editor: a mistake is underlined within 1 s with no save; fixed and saved, the file and the map change; F12 goes to a scene; watch from the cursor plays that scene', async () => {
  const file = join(stories, 'fork/fork.story');
  const before = readFileSync(file, 'utf8');
  await browser.addInitScript(probe);
  const page = await studio('fork');
  await page.locator('.cm-gutterElement', { hasText: '1' }).first().waitFor();

  // A mistake: "-> hub" becomes "-> hubb", a scene that does not exist.
  await cursorAtEndOf(page, '-> hub');
  await page.keyboard.type('b');
  const typed = Date.now();
  await page.waitForFunction(() => document.querySelector('.cm-lintRange-error')
    && document.querySelector('#diagnostics[data-from="check"] a.error')?.textContent.includes('BL0030'), null, { timeout: 5000, polling: 20 });
  const shownMs = Date.now() - typed;
  assert.ok(shownMs <= 1000, `the underline and the message appeared ${shownMs} ms after the keystroke (1000 at most)`);
  console.log(`# diagnostics of unsaved text shown ${shownMs} ms after typing`);
  assert.equal(await page.locator('.cm-lintRange-error').textContent(), 'hubb', 'the unknown scene is underlined');
  assert.match(await page.locator('#diagnostics a.error').first().textContent(), /fork\.story:19:\d+ error BL0030/);
  assert.match(await page.locator('#diagnostics li').first().textContent(), /hubb/);
  // Hovering the underline shows the message with its code.
  await page.locator('.cm-lintRange-error').hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  assert.match(await page.locator('.cm-tooltip-lint').textContent(), /hubb.*\[BL0030\]/);
  assert.equal(readFileSync(file, 'utf8'), before, 'nothing was saved');
  await page.screenshot({ path: join(OUT, 'studio-editor-error.png') });

  // Fixed, and an option renamed; saved with Ctrl+S.
  await cursorAtEndOf(page, '-> hubb');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => !document.querySelector('.cm-lintRange-error'), null, { timeout: 5000 });
  await cursorAtEndOf(page, '* "Blue" -> blue');
  for (let i = 0; i < '" -> blue'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' door');
  await page.keyboard.press('Control+s');
  await page.locator('#status', { hasText: 'Saved fork.story' }).waitFor();
  assert.equal(readFileSync(file, 'utf8'), before.replace('* "Blue" -> blue', '* "Blue door" -> blue'), 'the file on disk changed, and only there');
  // The engine's live recompilation picks the file up: the map is drawn again with the new label.
  await page.waitForFunction(() => [...document.querySelectorAll('svg g.label tspan.option')].some((t) => t.textContent === 'Blue door'), null, { timeout: 15000 });
  await page.locator('#live', { hasText: 'updated' }).waitFor({ timeout: 5000 });

  // Go to a scene's definition: F12 on the "green" of an option jumps to its heading.
  await cursorAtEndOf(page, '* "Green" -> green');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('F12');
  await page.waitForFunction(() => document.querySelector('.cm-activeLine')?.textContent === '=== green ===', null, { timeout: 5000 });

  // Watch from the scene the cursor is in.
  await cursorAtEndOf(page, 'caption "Blue it is."');
  const [watch] = await Promise.all([page.waitForEvent('popup'), page.locator('#watch-here').click()]);
  await watch.waitForLoadState();
  assert.equal(new URL(watch.url()).search, '?scene=blue');
  // (A popup's init script can come after its first events, so the probe's frames, not its events, tell what plays.)
  await watch.locator('branchline-player .start button').click();
  await watch.waitForFunction(() => window.__probe?.playing && window.__probe.frames.length > 10, null, { timeout: 20000 });
  assert.equal(colourBetween((await seen(watch)).frames, 0.05, 0.9), 'blue', 'the blue scene plays');
  await watch.screenshot({ path: join(OUT, 'studio-watch-from-here.png') });
  await watch.close();
  writeFileSync(file, before);
  await page.close();
});

test('a story made by branchline new opens in the studio clean; a mistake typed in it is underlined; watch from here names the cursor\'s scene', async () => {
  const page = await studio('first-story');
  await page.locator('#status', { hasText: 'No errors' }).waitFor({ timeout: 10000 });
  assert.deepEqual((await nodes(page)).map((n) => n.scene).sort(), ['knock', 'opening', 'walk_on']);
  assert.match(await editorText(page), /=== opening ===/);
  await cursorAtEndOf(page, '* "Walk on" -> walk_on');
  await page.keyboard.type('x');
  const typed = Date.now();
  await page.waitForFunction(() => document.querySelector('.cm-lintRange-error')?.textContent === 'walk_onx', null, { timeout: 5000, polling: 20 });
  assert.ok(Date.now() - typed <= 1000, `underlined ${Date.now() - typed} ms after the keystroke`);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('.cm-lintRange-error'), null, { timeout: 5000 });
  await cursorAtEndOf(page, '=== knock ===');
  const [watch] = await Promise.all([page.waitForEvent('popup'), page.locator('#watch-here').click()]);
  await watch.waitForLoadState();
  assert.equal(new URL(watch.url()).pathname + new URL(watch.url()).search, '/watch/first-story?scene=knock');
  await watch.close();
  await page.close();
});

test('a save is refused when the file changed on disk since the editor opened it', async () => {
  const file = join(stories, 'loop/loop.story');
  const before = readFileSync(file, 'utf8');
  const page = await studio('loop');
  await page.locator('.cm-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' (edited in the studio)');
  const elsewhere = `${before}// changed in another editor\n`;
  writeFileSync(file, elsewhere);
  await page.locator('#save').click();
  await page.locator('#conflict', { hasText: 'Not saved: loop.story changed on disk since you opened it' }).waitFor();
  assert.equal(readFileSync(file, 'utf8'), elsewhere, 'the other change is kept');
  await page.locator('#reload').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '// changed in another editor'));
  assert.doesNotMatch(await editorText(page), /edited in the studio/);
  assert.equal(await page.locator('#conflict').isHidden(), true);
  writeFileSync(file, before);
  await page.close();
});

test('a story with errors keeps its last good map, marked stale, beside the diagnostics', async () => {
  const file = join(stories, 'fork/fork.story');
  const text = readFileSync(file, 'utf8');
  const page = await studio('fork');
  writeFileSync(file, text.replace('-> hub\n\n=== blue ===', '-> hubb\n\n=== blue ==='));
  await page.locator('#diagnostics a.error').waitFor({ timeout: 15000 });
  assert.match(await page.locator('#diagnostics a.error').first().textContent(), /fork\.story:\d+:\d+ error BL0030/);
  await page.locator('#stale').waitFor({ state: 'visible' });
  // The editor had no unsaved edits: it follows the file on disk, and underlines the mistake.
  await page.waitForFunction(() => document.querySelector('.cm-lintRange-error')?.textContent === 'hubb', null, { timeout: 10000 });
  assert.match(await page.locator('#stale').textContent(), /Stale: the story has errors/);
  assert.equal(await page.locator('svg g.node:not(.end)').count(), 3, 'the map is still drawn');
  await page.screenshot({ path: join(OUT, 'studio-stale.png') });
  writeFileSync(file, text);
  await page.locator('#stale').waitFor({ state: 'hidden', timeout: 15000 });
  await page.close();
});

for (const story of [...BUNDLED, 'sixty']) {
  test(`${story}: at fit-to-screen in 1280×800 the whole map shows and no scene or label overlaps another`, async () => {
    const page = await studio(story);
    await page.locator('#toggle-editor').click();
    await page.locator('#fit').click();
    await page.waitForTimeout(50); // one frame for the transform
    const { pane, boxes } = await page.evaluate(() => {
      const r = (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, height: b.height }; };
      return {
        pane: r(document.getElementById('graph')),
        boxes: [...document.querySelectorAll('svg g.node > rect, svg g.label > rect')].map((e) => ({
          id: `${e.parentNode.classList.contains('label') ? 'label' : 'scene'} ${e.parentNode.dataset.scene ?? `${e.parentNode.dataset.from}→${e.parentNode.dataset.to}`}`, ...r(e) })),
      };
    });
    assert.ok(boxes.length > 10);
    for (const b of boxes) {
      assert.ok(b.x >= pane.x - 0.5 && b.y >= pane.y - 0.5 && b.x + b.width <= pane.x + pane.width + 0.5 && b.y + b.height <= pane.y + pane.height + 0.5,
        `${b.id} lies inside the map's pane`);
    }
    const overlapping = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) overlapping.push(`${a.id} × ${b.id}`);
      }
    }
    assert.deepEqual(overlapping, []);
    const zoom = Number(await page.locator('#graph').getAttribute('data-zoom'));
    console.log(`# ${story}: ${boxes.length} boxes, fit zoom ${zoom.toFixed(2)} in a ${Math.round(pane.width)}×${Math.round(pane.height)} pane`);
    await page.screenshot({ path: join(OUT, `studio-map-${story}.png`) });
    await page.close();
  });
}
