// The web player's benchmark, on loopback against the real engine in Debian's Chromium:
//   1. the player script's size: every module branchline-player.js imports, gzipped;
//   2. first frame: from the start of loading /embed/fork to the first frame presented, with
//      the first scene already rendered (median and worst of --loads runs);
//   3. branch transitions: the looping fixture story played for --transitions scene changes,
//      every branch pre-rendered, picking a non-default option, letting the timer run out
//      and picking the default in turn; counts `waiting` events (stalls), black frames and
//      scenes that showed the wrong colour.
// Run: node web-player/bench/player-bench.mjs [--transitions 100] [--loads 5]
// (needs engine/target/branchline.jar: mvn -B -q -DskipTests package)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { startEngine, launchChromium, warm, REPO } from '../test/e2e/harness.js';
import { probe, waitForEvent, seen, colourBetween } from '../test/e2e/probe.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TRANSITIONS = arg('transitions', 100);
const LOADS = arg('loads', 5);

/** The entry module and all it imports, relative imports followed. */
function moduleGraph(entry) {
  const seenFiles = new Set();
  const visit = (file) => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:import|from)\s*['"](\.[^'"]+)['"]/g)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  return [...seenFiles];
}

function scriptSize() {
  const files = moduleGraph(join(REPO, 'web-player/src/player/branchline-player.js'));
  const sources = files.map((f) => readFileSync(f));
  const raw = sources.reduce((n, s) => n + s.length, 0);
  const gzipEach = sources.reduce((n, s) => n + gzipSync(s, { level: 9 }).length, 0);
  const gzipAll = gzipSync(Buffer.concat(sources), { level: 9 }).length;
  return { modules: files.length, raw, gzipEach, gzipAll };
}

async function firstFrames(engine, browser) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage();
    await page.addInitScript(probe);
    await page.goto(`${engine.url}/embed/fork?muted=1&autoplay=1`);
    await page.waitForFunction(() => window.__probe.firstFrameAt !== null, null, { timeout: 20000 });
    times.push(await page.evaluate(() => window.__probe.firstFrameAt)); // ms since navigation start
    await page.close();
  }
  times.sort((a, b) => a - b);
  return { runs: times.map((t) => Math.round(t)), medianMs: Math.round(times[Math.floor(times.length / 2)]), worstMs: Math.round(times.at(-1)) };
}

async function transitions(engine, browser) {
  const page = await browser.newPage();
  await page.addInitScript(probe);
  // In the page: at each open choice, in turn pick a non-default option, let the timer run
  // out, pick the default, each a little after the window opens.
  await page.addInitScript(() => {
    let n = 0;
    document.addEventListener('choiceopen', (e) => {
      const player = e.target;
      const options = e.detail.options;
      const turn = n++ % 3;
      if (turn === 1) return;
      const pick = turn === 0 ? options.find((o) => !o.default) : options.find((o) => o.default);
      setTimeout(() => player.choose(pick.index), 50 + Math.random() * 150);
    }, true);
  });
  await page.goto(`${engine.url}/embed/loop?muted=1&autoplay=1`);
  await waitForEvent(page, 'ready');
  const started = Date.now();
  await waitForEvent(page, 'scenechange', TRANSITIONS + 1, (TRANSITIONS * 1000) * 2 + 20000);
  const wallS = (Date.now() - started) / 1000;
  const s = await seen(page);
  await page.close();
  const changes = s.events.filter((e) => e.name === 'scenechange').slice(0, TRANSITIONS + 1);
  const wrong = changes.filter((c) => colourBetween(s.frames, c.detail.start / 1000 + 0.05, c.detail.start / 1000 + 0.9) !== c.detail.scene);
  const picks = s.events.filter((e) => e.name === 'choice');
  return {
    transitions: changes.length - 1,
    wallS: Math.round(wallS * 10) / 10,
    stalls: s.waiting.length,
    blackFrames: s.frames.filter((f) => f.colour === 'black').length,
    framesSampled: s.frames.length,
    wrongColourScenes: wrong.map((c) => c.detail.scene + '@' + c.detail.start),
    picks: { viewer: picks.filter((p) => p.detail.by === 'viewer').length, timer: picks.filter((p) => p.detail.by === 'timer').length },
    errors: s.events.filter((e) => e.name === 'error').map((e) => e.detail),
  };
}

const size = scriptSize();
console.log(`player script: ${size.modules} modules, ${size.raw} B, ${size.gzipEach} B gzipped one by one (as served), ${size.gzipAll} B gzipped together`);
const engine = await startEngine();
const browser = await launchChromium();
try {
  await warm(engine.url, 'fork');
  await warm(engine.url, 'loop');
  const first = await firstFrames(engine, browser);
  console.log(`first frame after page load: median ${first.medianMs} ms, worst ${first.worstMs} ms (${first.runs.join(', ')})`);
  const loop = await transitions(engine, browser);
  console.log(`branch transitions: ${loop.transitions} in ${loop.wallS} s, stalls ${loop.stalls}, black frames ${loop.blackFrames} of ${loop.framesSampled}, wrong-colour scenes ${loop.wrongColourScenes.length}, picks ${JSON.stringify(loop.picks)}, errors ${loop.errors.length}`);
  const out = join(REPO, 'web-player/target/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'player-bench.json'), JSON.stringify({ size, first, loop }, null, 2));
  const ok = size.gzipEach < 60 * 1024 && first.worstMs <= 1000 && loop.stalls === 0 && loop.blackFrames === 0 && loop.wrongColourScenes.length === 0;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await engine.stop();
}
