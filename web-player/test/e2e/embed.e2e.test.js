// The player on another site: in an iframe, events reach the embedding page by postMessage,
// and its play, pause and choose commands work, while a page on any other origin gets
// nothing and is not obeyed; as an element, it plays from the engine across origins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startEngine, launchChromium, warm, freePort } from './harness.js';
import { probe } from './probe.js';

let engine;
let browser;
let site;
let sitePort;

function parentPage(src) {
  return `<!doctype html><meta charset="utf-8"><title>a blog</title>
<p>An article with a story in it.</p>
<iframe src="${src}" width="360" height="640" allow="autoplay"></iframe>
<script>
  const player = new URL(${JSON.stringify(src)}).origin;
  window.got = [];
  window.addEventListener('message', (e) => { if (e.origin === player) window.got.push(e.data); });
  window.send = (command) => document.querySelector('iframe').contentWindow.postMessage({ type: 'branchline', ...command }, player);
</script>`;
}

function elementPage(server) {
  return `<!doctype html><meta charset="utf-8"><title>a shop</title>
<script type="module" src="${server}/player/branchline-player.js"></script>
<style>branchline-player { width: 300px; --branchline-accent: #00d0ff; }</style>
<branchline-player story="fork" server="${server}" muted autoplay controls></branchline-player>`;
}

before(async () => {
  engine = await startEngine();
  browser = await launchChromium();
  await browser.addInitScript(probe); // in every frame, the embed's included
  sitePort = await freePort();
  const declared = `http://localhost:${sitePort}`;
  const src = `${engine.url}/embed/fork?muted=1&autoplay=1&origin=${encodeURIComponent(declared)}`;
  site = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(req.url === '/element' ? elementPage(engine.url) : parentPage(src));
  });
  await new Promise((r) => site.listen(sitePort, '127.0.0.1', r));
  await warm(engine.url, 'fork');
});

after(async () => {
  site?.close();
  await browser?.close();
  await engine?.stop();
});

const gotEvent = (page, name, count = 1) =>
  page.waitForFunction(([n, c]) => window.got.filter((m) => m.type === 'branchline' && m.event === n).length >= c, [name, count], { timeout: 20000 });

test('the embedding site gets the events and can pause, play and choose', async () => {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${sitePort}/`);
  await gotEvent(page, 'ready');
  const frame = page.frames().find((f) => f.url().includes('/embed/fork'));
  const paused = () => frame.evaluate(() => document.querySelector('branchline-player').shadowRoot.querySelector('video').paused);
  await frame.waitForFunction(() => !document.querySelector('branchline-player').shadowRoot.querySelector('video').paused);

  await page.evaluate(() => window.send({ command: 'pause' }));
  await frame.waitForFunction(() => document.querySelector('branchline-player').shadowRoot.querySelector('video').paused);
  await page.evaluate(() => window.send({ command: 'play' }));
  await frame.waitForFunction(() => !document.querySelector('branchline-player').shadowRoot.querySelector('video').paused);

  await gotEvent(page, 'choiceopen');
  const open = await page.evaluate(() => window.got.find((m) => m.event === 'choiceopen').detail);
  assert.deepEqual(open.options.map((o) => o.label), ['Green', 'Blue', 'Stop']);
  await page.evaluate(() => window.send({ command: 'choose', option: 1 }));
  await gotEvent(page, 'choice');
  const choice = await page.evaluate(() => window.got.find((m) => m.event === 'choice').detail);
  assert.deepEqual([choice.option, choice.label, choice.by], [1, 'Blue', 'viewer']);
  await gotEvent(page, 'scenechange', 2);
  const scenes = await page.evaluate(() => window.got.filter((m) => m.event === 'scenechange').map((m) => m.detail.scene));
  assert.deepEqual(scenes, ['hub', 'blue']);
  assert.equal(await paused(), false);
  await page.close();
});

test('a page on another origin gets no event and is not obeyed', async () => {
  const page = await browser.newPage();
  // The same iframe (declaring http://localhost:PORT) inside a page at http://127.0.0.1:PORT.
  await page.goto(`http://127.0.0.1:${sitePort}/`);
  const frame = await (async () => {
    for (;;) {
      const f = page.frames().find((x) => x.url().includes('/embed/fork'));
      if (f) return f;
      await page.waitForTimeout(50);
    }
  })();
  await frame.waitForFunction(() => window.__probe?.events.some((e) => e.name === 'ready'), null, { timeout: 20000 });
  await frame.waitForFunction(() => !document.querySelector('branchline-player').shadowRoot.querySelector('video').paused);
  await page.evaluate(() => window.send({ command: 'pause' }));
  await page.waitForTimeout(500);
  assert.equal(await frame.evaluate(() => document.querySelector('branchline-player').shadowRoot.querySelector('video').paused), false, 'the command was ignored');
  assert.deepEqual(await page.evaluate(() => window.got), [], 'no event reached the page');
  await page.close();
});

test('the element on another site plays the story from the engine, and a pick works', async () => {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${sitePort}/element`);
  await page.waitForFunction(() => window.__probe?.events.some((e) => e.name === 'choiceopen'), null, { timeout: 20000 });
  const accent = await page.locator('branchline-player .option .key').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(accent, 'rgb(0, 208, 255)', 'themed by --branchline-accent');
  await page.locator('branchline-player .option', { hasText: 'Blue' }).click();
  await page.waitForFunction(() => window.__probe.events.filter((e) => e.name === 'scenechange').length >= 2, null, { timeout: 20000 });
  const scenes = await page.evaluate(() => window.__probe.events.filter((e) => e.name === 'scenechange').map((e) => e.detail.scene));
  assert.deepEqual(scenes, ['hub', 'blue']);
  assert.deepEqual(await page.evaluate(() => window.__probe.events.filter((e) => e.name === 'error')), []);
  await page.close();
});

test('a page on another site cannot read the studio: no story source, statistics or map, while the player API answers it', async () => {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${sitePort}/`);
  const tried = await page.evaluate(async (server) => {
    const attempt = async (path) => {
      try {
        const r = await fetch(server + path);
        return { status: r.status, read: (await r.text()).length > 0 };
      } catch (e) {
        return { blocked: String(e) };
      }
    };
    return {
      studio: await attempt('/api/stories/fork/studio'),
      source: await attempt('/api/stories/fork/source?file=fork.story'),
      stats: await attempt('/api/stories/fork/stats'),
      stories: await attempt('/api/stories'),
    };
  }, engine.url);
  for (const name of ['studio', 'source', 'stats']) {
    assert.ok(tried[name].blocked, `the browser kept ${name} from the other site: ${JSON.stringify(tried[name])}`);
  }
  assert.equal(tried.stories.status, 200, 'the player\'s own API still answers other sites (CORS)');
  await page.close();
});
