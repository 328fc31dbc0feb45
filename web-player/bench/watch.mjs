// The render ladder under load, in real browsers: N viewers, pages of one headless Debian
// Chromium (each in a browser context of its own), each watch a story to its end on
// /watch/{story} with our <branchline-player>; every configuration on a cold engine (a new
// process, an empty data folder: nothing rendered), the render ladder off and on side by
// side, with and without a CPU hog (a bounded busy loop pinned to one core) beside the engine.
// Each viewer clicks Play, then takes a random option at a random moment inside every choice
// window (bench/watch-viewer.js). Printed as a Markdown table per configuration:
//   stalls / viewer-min  bridges shown, per minute of wall time from first frame to the end
//   longest stall        the longest bridge (from shown to gone), s
//   stalls > 1 s         how many bridges lasted more than a second
//   bridges / playthrough  max and mean over the viewers
//   draft share          of the segments of the visits watched, those sent below full quality,
//                        as drafts or rough drafts (tierOf: asked of the engine right after each
//                        fetch; the rough ones' share follows in brackets); beside it the
//                        engine's (draft + rough) / all of branchline_served_segments_total
//                        (segments sent by content key, which is how our player fetches them)
//   first frame          median (and worst) ms from the start of navigation to the first
//                        frame playing (the session, the cold render and the click included)
// With 1 viewer and no hog a second viewer follows on the warm store, on the first one's path
// (its picks replayed by label): its draft share is that of the seconds served to it alone.
//
// Run: node web-player/bench/watch.mjs [--viewers 1,4] [--ladder off,on] [--hog none,one]
//        [--story night-ferry] [--follow 1] [--json OUT] [--jar engine/target/branchline.jar]
//        [--one-context] [--quiet-wait-s 90] [--deadline-s 420] [--engine-args '--render-slots 1'] [--jvm-args '-Dk=v']
//   --engine-args, --jvm-args  more arguments for `serve` and for the engine's JVM, to compare settings
//   --arrive  ready (default): viewers arrive once /health/ready says the engine is ready (every
//             story's first scene rendered at start-up, as a load balancer would wait); listening:
//             as soon as it answers HTTP, into the start-up work (the JIT, the models loading,
//             every story's first render)
//   --follow  viewer counts whose hog-free configurations get the second viewer ('' for none)
//   --one-context  all pages in one browser context (they then share 6 connections to the engine)
//   --quiet-wait-s  how long a configuration first waits for other work on the machine to calm
//             down (the CPU that processes outside this bench use is measured and printed)
//   --jar     copied with its lib/ to /tmp/watch-bench/ first (engine/target is rebuilt in place
//             by others), with the stories to /tmp/watch-bench/stories
// (needs an engine jar with --render-ladder; /usr/bin/chromium; npm ci)
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { createHash } from 'node:crypto';
import { join, dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, CHROMIUM_FLAGS, freePort, launchChromium } from '../test/e2e/harness.js';
import { viewer } from './watch-viewer.js';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
const VIEWERS = list(option('viewers', '1,4')).map(Number);
const LADDERS = list(option('ladder', 'off,on'));
const HOGS = list(option('hog', 'none,one'));
const STORY = option('story', 'night-ferry');
const FOLLOW = list(option('follow', '1')).map(Number);
const JSON_OUT = resolve(option('json', join(REPO, 'web-player/target/bench/watch.json')));
const JAR = resolve(option('jar', join(REPO, 'engine/target/branchline.jar')));
const WORK = '/tmp/watch-bench';
const ARRIVE = option('arrive', 'ready');
const ENGINE_ARGS = list(option('engine-args', '').replace(/ +/g, ','));
const JVM_ARGS = list(option('jvm-args', '').replace(/ +/g, ','));
/** A playthrough that has not ended after this long (from navigation) is given up. */
const VIEWER_DEADLINE_MS = Number(option('deadline-s', 420)) * 1000;
/** How long a configuration waits for other people's work on the machine to calm down first. */
const QUIET_WAIT_MS = Number(option('quiet-wait-s', 90)) * 1000;
/**
 * Every page in one browser context: they then share Chromium's 6 connections per host (the
 * engine speaks HTTP/1.1 and each player holds one open for its events), which a viewer on a
 * machine of their own never does. By default each viewer gets a context of its own (its own
 * connections, cache and cookies) in the one browser.
 */
const ONE_CONTEXT = argv.includes('--one-context');

// Everything started here, so that any way out kills it.
const children = new Set();
const browsers = new Set();
function killAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    killAll();
    await Promise.allSettled([...browsers].map((b) => b.close()));
    process.exit(130);
  });
}

/** The jar, its lib/ and the stories, copied once: every configuration runs the same bytes. */
function snapshot() {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build it with mvn -B -q -o install -DskipTests`);
  mkdirSync(WORK, { recursive: true });
  cpSync(JAR, join(WORK, 'branchline.jar'));
  rmSync(join(WORK, 'lib'), { recursive: true, force: true });
  cpSync(join(dirname(JAR), 'lib'), join(WORK, 'lib'), { recursive: true });
  rmSync(join(WORK, 'stories'), { recursive: true, force: true });
  cpSync(join(REPO, 'stories'), join(WORK, 'stories'), { recursive: true });
  const help = execFileSync('java', ['-jar', join(WORK, 'branchline.jar'), 'serve', '--help']).toString();
  if (!help.includes('--render-ladder')) throw new Error(`${JAR} has no serve --render-ladder: rebuild it (mvn -B -q -o install -DskipTests)`);
}

/** A cold engine on the snapshot: a fresh data folder, the ladder as asked. */
async function startEngine(ladder) {
  const port = await freePort();
  const dir = mkdtempSync(join(WORK, 'run-'));
  const logFile = join(dir, 'engine.log');
  const out = createWriteStream(logFile);
  const child = spawn('java', [...JVM_ARGS, '-jar', join(WORK, 'branchline.jar'), 'serve', join(WORK, 'stories'), '--port', String(port),
    '--host', '127.0.0.1', '--data', join(dir, 'data'), '--render-ladder', ladder, ...ENGINE_ARGS], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise((ok) => child.once('close', ok));
  let log = '';
  for (const s of [child.stdout, child.stderr]) s.on('data', (d) => { log += d; out.write(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine stopped:\n${log}`);
    try {
      if ((await fetch(`${url}/api/stories/${STORY}`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`the engine did not answer in 90 s:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const listening = Date.now();
  while (ARRIVE === 'ready') {
    const probe = await fetch(`${url}/health/ready`);
    if (probe.ok || probe.status === 404) break; // 404: an engine from before the probe
    if (Date.now() > deadline + 120000) throw new Error(`the engine was not ready in 210 s: ${await probe.text()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const readyAfterMs = Date.now() - listening;
  return {
    url,
    dir,
    readyAfterMs,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
      out.end();
    },
  };
}

/** A busy loop on one core (pinned with taskset where there is one), ending by itself after `ms`. */
function hog(ms) {
  const loop = ['-e', `const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) x++;`];
  const pinned = existsSync('/usr/bin/taskset');
  const core = String(cpus().length - 1);
  const child = pinned ? spawn('taskset', ['-c', core, process.execPath, ...loop], { stdio: 'ignore' })
    : spawn(process.execPath, loop, { stdio: 'ignore' });
  children.add(child);
  return {
    pinned: pinned ? `core ${core}` : 'unpinned',
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      children.delete(child);
    },
  };
}

/**
 * CPU used by processes outside this benchmark's process tree (other work on the machine), in
 * cores, from /proc: sample() adds the use since the last call; the figures say how loaded the
 * machine was beside our engine, browser and hog.
 */
function otherWork() {
  const HZ = 100;
  const read = () => {
    const procs = new Map();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
      } catch { /* gone meanwhile */ }
    }
    return { at: Date.now(), procs };
  };
  const ours = (procs, pid) => {
    for (let p = pid, i = 0; p > 1 && i < 64; p = procs.get(p)?.ppid, i++) if (p === process.pid) return true;
    return false;
  };
  let last = read();
  const samples = [];
  return {
    samples,
    sample() {
      const now = read();
      const s = (now.at - last.at) / 1000;
      let other = 0;
      let mine = 0;
      for (const [pid, p] of now.procs) {
        const used = (p.ticks - (last.procs.get(pid)?.ticks ?? 0)) / HZ;
        if (ours(now.procs, pid)) mine += used;
        else other += used;
      }
      last = now;
      const x = { other: +(other / s).toFixed(2), ours: +(mine / s).toFixed(2) };
      samples.push(x);
      return x;
    },
  };
}

/** Waits (at most QUIET_WAIT_MS) until other work uses under a quarter of a core; says how it went. */
async function quiet() {
  const w = otherWork();
  const until = Date.now() + QUIET_WAIT_MS;
  for (;;) {
    await new Promise((r) => setTimeout(r, 3000));
    const { other } = w.sample();
    if (other < 0.25) return { waitedS: Math.round((QUIET_WAIT_MS - (until - Date.now())) / 1000), other };
    if (Date.now() > until) return { waitedS: Math.round(QUIET_WAIT_MS / 1000), other, busy: true };
  }
}

/** The counters of /metrics this bench reads, summed over the labels not asked for. */
async function scrape(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (family, labels = {}) => {
    let total = 0;
    let seen = false;
    for (const line of text.split('\n')) {
      const m = line.match(/^([a-z_]+)(?:\{([^}]*)\})? ([0-9.eE+-]+|NaN)$/);
      if (!m || m[1] !== family) continue;
      const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
      if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
        total += Number(m[3]);
        seen = true;
      }
    }
    return seen ? total : null;
  };
  const families = ['branchline_served_segments_total', 'branchline_renders_total', 'branchline_render_deadline_misses_total',
    'branchline_stalls_total', 'branchline_render_rescues_total'];
  return {
    draftS: sum('branchline_served_segments_total', { tier: 'draft' }),
    roughS: sum('branchline_served_segments_total', { tier: 'rough' }),
    fullS: sum('branchline_served_segments_total', { tier: 'full' }),
    rescues: sum('branchline_render_rescues_total'),
    rendersDraft: sum('branchline_renders_total', { tier: 'draft', reused: 'false' }),
    rendersRough: sum('branchline_renders_total', { tier: 'rough', reused: 'false' }),
    rendersFull: sum('branchline_renders_total', { tier: 'full', reused: 'false' }),
    deadlineMissesDraft: sum('branchline_render_deadline_misses_total', { tier: 'draft' }),
    deadlineMissesRough: sum('branchline_render_deadline_misses_total', { tier: 'rough' }),
    deadlineMissesFull: sum('branchline_render_deadline_misses_total', { tier: 'full' }),
    engineStalls: sum('branchline_stalls_total'),
    // A family the engine never showed is named, not taken as 0.
    absent: families.filter((f) => !text.split('\n').some((l) => l.startsWith(f))),
    lines: text.split('\n').filter((l) => families.some((f) => l.startsWith(f))),
  };
}

/** The share of {@code below} (seconds or segments below full quality, null if never counted) in {@code below} + {@code full}. */
const share = (below, full) => (below === null && full === null ? null : (below ?? 0) / Math.max(1e-9, (below ?? 0) + (full ?? 0)));
/** Draft and rough counts together; null when neither was ever counted. */
const belowFull = (draft, rough) => (draft === null && rough === null ? null : (draft ?? 0) + (rough ?? 0));

/** One headless Chromium; newPage() opens a page for one viewer, closePage() closes it. */
async function openBrowser() {
  if (ONE_CONTEXT) {
    const context = await launchChromium();
    return { newPage: () => context.newPage(), closePage: (page) => page.close(), close: () => context.close() };
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  return {
    newPage: async () => (await browser.newContext({ viewport: { width: 420, height: 760 } })).newPage(),
    closePage: (page) => page.context().close(),
    close: () => browser.close(),
  };
}

/** One viewer in its own page: navigation, the click on Play, the story to its end. */
async function watch(browser, url, { replay = null, tag }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500 || r.status() === 429) problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  // Which tier each segment the player was sent came from (the metric counts only the HLS route).
  const tiers = [];
  page.on('response', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/segments\/([0-9a-f]{64})\/(seg-(\d{5})\.m4s)$/);
    if (m && r.ok()) tiers.push(tierOf(url, m[1], m[2], r.headers().etag).then((tier) => ({ key: m[1], index: Number(m[3]), tier })));
  });
  await page.addInitScript(viewer, { replay });
  const navigated = Date.now();
  try {
    await page.goto(`${url}/watch/${STORY}`, { timeout: VIEWER_DEADLINE_MS });
    await page.locator('branchline-player .start .big').click({ timeout: VIEWER_DEADLINE_MS });
    const left = Math.max(1000, VIEWER_DEADLINE_MS - (Date.now() - navigated));
    await page.waitForFunction(() => window.__watch.endedAt !== null || window.__watch.fatal !== null, null, { timeout: left, polling: 500 })
      .catch(() => problems.push(`did not end within ${VIEWER_DEADLINE_MS / 1000} s`));
  } catch (e) {
    problems.push(`could not play: ${e.message.split('\n')[0]}`);
  }
  const rec = await page.evaluate(() => ({ ...window.__watch, now: performance.now(),
    clock: document.querySelector('branchline-player')?.shadowRoot?.querySelector('video')?.currentTime ?? 0,
    stalls: document.querySelector('branchline-player')?.stalls ?? null,
    history: (document.querySelector('branchline-player')?.session?.history ?? []).map((v) => v.key) })).catch(() => null);
  await browser.closePage(page);
  return { ...summarise(rec, problems, tag), tiers: watchedTiers(await Promise.all(tiers), rec?.history ?? []) };
}

/**
 * The tier of the bytes a player got for /segments/KEY/NAME (ETag `etag`), asked right after:
 * the draft and rough tiers have keys of their own (RenderTier.key: sha256(KEY + "|tier=draft"),
 * "|tier=rough"), so a 304 there means that tier; else a 304 for KEY (its best tier, full once
 * there is one) means full; bytes that match none were a draft (or rough) since replaced by the
 * full render and removed, counted as a draft.
 */
async function tierOf(url, key, name, etag) {
  if (!etag) return 'unknown';
  const tierKey = (tier) => createHash('sha256').update(`${key}|tier=${tier}`).digest('hex');
  const same = async (k) => (await fetch(`${url}/segments/${k}/${name}`, { headers: { 'If-None-Match': etag } }).catch(() => null))?.status === 304;
  if (await same(tierKey('draft'))) return 'draft';
  if (await same(tierKey('rough'))) return 'rough';
  if (await same(key)) return 'full';
  return 'draft';
}

/** The segments of the visits the viewer watched (not those fetched ahead for an option not taken), each once. */
function watchedTiers(fetched, history) {
  const watched = new Set(history);
  const last = new Map();
  for (const f of fetched) if (watched.has(f.key)) last.set(`${f.key}/${f.index}`, f.tier);
  const count = (t) => [...last.values()].filter((x) => x === t).length;
  return { draft: count('draft'), rough: count('rough'), full: count('full'), unknown: count('unknown') };
}

/** A viewer's figures from what the page wrote down. */
function summarise(rec, problems, tag) {
  if (!rec) return { tag, finished: false, problems, bridges: [], wallS: 0, watchedS: 0, firstFrameMs: null, picks: [], path: [], errors: [] };
  const end = rec.endedAt ?? rec.now;
  const bridges = rec.bridges.map((b) => ({ atS: +(b.start / 1000).toFixed(2), media: b.media,
    s: +(((b.end ?? end) - b.start) / 1000).toFixed(2), open: b.end === undefined }));
  const choices = rec.events.filter((e) => e.name === 'choice');
  return {
    tag,
    // Ended within the deadline (performance.now() counts from the start of navigation).
    finished: rec.endedAt !== null && rec.endedAt <= VIEWER_DEADLINE_MS,
    fatal: rec.fatal,
    problems,
    firstFrameMs: rec.firstFrameAt === null ? null : Math.round(rec.firstFrameAt),
    readyMs: rec.readyAt === null ? null : Math.round(rec.readyAt),
    clickToFrameMs: rec.firstFrameAt === null || rec.playAt === null ? null : Math.round(rec.firstFrameAt - rec.playAt),
    wallS: rec.firstFrameAt === null ? 0 : +((end - rec.firstFrameAt) / 1000).toFixed(1),
    watchedS: +(rec.endMedia ?? rec.clock).toFixed(1),
    bridges,
    playerStalls: rec.stalls,
    rawWaiting: rec.waiting.length,
    picks: rec.picks,
    path: choices.map((c) => c.detail.label),
    pickedBy: choices.map((c) => c.detail.by),
    scenes: rec.events.filter((e) => e.name === 'scenechange').map((e) => e.detail.scene),
    errors: rec.events.filter((e) => e.name === 'error').map((e) => `${e.detail.type}/${e.detail.details}: ${e.detail.message}`),
    events: rec.events,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

/** The figures of a group of viewers (a configuration's N, or its follower). */
function figures(viewers, metrics) {
  const bridges = viewers.flatMap((v) => v.bridges);
  const minutes = viewers.reduce((n, v) => n + v.wallS, 0) / 60;
  const per = viewers.map((v) => v.bridges.length);
  return {
    viewers: viewers.length,
    finished: viewers.filter((v) => v.finished).length,
    stallsPerViewerMin: minutes > 0 ? +(bridges.length / minutes).toFixed(3) : null,
    longestStallS: bridges.length ? Math.max(...bridges.map((b) => b.s)) : 0,
    stallsOver1s: bridges.filter((b) => b.s > 1).length,
    bridgesMax: Math.max(0, ...per),
    bridgesMean: per.length ? +(per.reduce((a, b) => a + b, 0) / per.length).toFixed(2) : 0,
    draftShare: metrics ? share(belowFull(metrics.draftS, metrics.roughS), metrics.fullS) : null,
    draftSegmentShare: share(viewers.reduce((n, v) => n + v.tiers.draft + v.tiers.rough, 0), viewers.reduce((n, v) => n + v.tiers.full, 0)),
    roughSegmentShare: share(viewers.reduce((n, v) => n + v.tiers.rough, 0), viewers.reduce((n, v) => n + v.tiers.full + v.tiers.draft, 0)),
    segmentsOfUnknownTier: viewers.reduce((n, v) => n + v.tiers.unknown, 0),
    firstFrameMedianMs: median(viewers.map((v) => v.firstFrameMs)),
    firstFrameWorstMs: Math.max(0, ...viewers.map((v) => v.firstFrameMs ?? 0)),
    watchedS: +viewers.reduce((n, v) => n + v.watchedS, 0).toFixed(1),
  };
}

/** The counters' difference over the follower's run: the seconds served to it alone. */
function delta(after, before) {
  const d = (k) => (after[k] === null ? null : after[k] - (before[k] ?? 0));
  return { ...after, draftS: d('draftS'), roughS: d('roughS'), fullS: d('fullS'), engineStalls: d('engineStalls'), lines: undefined };
}

async function configuration({ ladder, hogName, n }) {
  const calm = await quiet();
  const others = otherWork();
  const sampler = setInterval(() => others.sample(), 2000);
  const load = hogName === 'one' ? hog(VIEWER_DEADLINE_MS * 2 + 180000) : null;
  const loadStart = loadavg();
  const engine = await startEngine(ladder).catch((e) => { load?.stop(); throw e; });
  const browser = await openBrowser();
  browsers.add(browser);
  const started = Date.now();
  try {
    const viewers = await Promise.all(Array.from({ length: n }, (_, i) => watch(browser, engine.url, { tag: `viewer ${i + 1}` })));
    const metrics = await scrape(engine.url);
    let follower = null;
    if (hogName === 'none' && FOLLOW.includes(n)) {
      const before = metrics;
      const v = await watch(browser, engine.url, { tag: 'follower', replay: viewers[0].path });
      const after = await scrape(engine.url);
      follower = { viewer: v, metrics: delta(after, before), samePath: JSON.stringify(v.path) === JSON.stringify(viewers[0].path) };
      follower.figures = figures([v], follower.metrics);
    }
    const log = engine.log();
    const warnings = log.split('\n').filter((l) => /^(WARNING|SEVERE|ERROR)|Exception/.test(l));
    const busy = others.samples.map((x) => x.other);
    return { story: STORY, ladder, hog: hogName, oneContext: ONE_CONTEXT, hogCore: load?.pinned ?? null, n, arrive: ARRIVE,
      readyAfterMs: engine.readyAfterMs, engineArgs: [...JVM_ARGS, ...ENGINE_ARGS], wallS: Math.round((Date.now() - started) / 1000),
      loadStart, loadEnd: loadavg(), calm,
      otherWork: { meanCores: +(busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length)).toFixed(2), maxCores: Math.max(0, ...busy) }, figures: figures(viewers, metrics), metrics, viewers, follower, engineWarnings: warnings.slice(0, 40),
      engineWarningCount: warnings.length };
  } finally {
    clearInterval(sampler);
    browsers.delete(browser);
    await browser.close().catch(() => {});
    load?.stop();
    await engine.stop();
    mkdirSync(join(WORK, 'logs'), { recursive: true });
    cpSync(join(engine.dir, 'engine.log'), join(WORK, 'logs', `${STORY}-ladder-${ladder}-hog-${hogName}-${n}.log`));
    rmSync(engine.dir, { recursive: true, force: true });
  }
}

const pct = (x) => (x === null ? 'absent' : `${(x * 100).toFixed(1)} %`);
function row(c, f, who) {
  return `| ${c.story} | ${c.ladder} | ${c.hog} | ${who} | ${f.finished}/${f.viewers} | ${f.stallsPerViewerMin ?? '–'} | ${f.longestStallS.toFixed(2)} | ${f.stallsOver1s} `
    + `| ${f.bridgesMax} / ${f.bridgesMean} | ${pct(f.draftSegmentShare)} (${pct(f.roughSegmentShare)}) | ${pct(f.draftShare)} | ${f.firstFrameMedianMs ?? '–'} (${f.firstFrameWorstMs}) | ${c.otherWork.meanCores} |`;
}
function table(results) {
  const rows = ['| story | ladder | hog | viewers | ended | stalls / viewer-min | longest stall s | stalls > 1 s | bridges / playthrough max / mean | draft share of segments watched (rough) | draft share (metric) | first frame median (worst) ms | other work, cores |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const c of results) {
    rows.push(row(c, c.figures, String(c.n)));
    if (c.follower) rows.push(row(c, c.follower.figures, `then 1 more on viewer 1's path${c.follower.samePath ? '' : ' (path differed)'}`));
  }
  return rows.join('\n');
}

/** The issue's targets, as far as this run measured them. */
function targets(results) {
  const lines = [];
  for (const c of results.filter((r) => r.n === 1 || r.n === 4)) {
    const f = c.figures;
    const ok = f.stallsOver1s === 0 && f.bridgesMax <= 1 && f.finished === f.viewers;
    lines.push(`${ok ? 'met   ' : 'MISSED'} ladder ${c.ladder}, hog ${c.hog}, ${c.n} viewer(s): ${f.stallsOver1s} stall(s) > 1 s, at most ${f.bridgesMax} bridge(s) a playthrough, ${f.finished}/${f.viewers} ended`);
  }
  for (const c of results.filter((r) => r.follower && r.hog === 'none' && r.n === 1)) {
    const d = c.follower.figures.draftSegmentShare;
    lines.push(`${d === 0 ? 'met   ' : 'MISSED'} ladder ${c.ladder}, no hog, 1 viewer: draft share after the first viewer passed ${pct(d)}`);
  }
  return lines.join('\n');
}

async function main() {
  snapshot();
  const versions = {
    cpu: `${cpus().length} × ${cpus()[0].model}`,
    chromium: execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    java: execFileSync('sh', ['-c', 'java -version 2>&1 | head -1']).toString().trim(),
    node: process.version,
  };
  console.log(`watch: ${STORY}, viewers ${VIEWERS.join(',')}, ladder ${LADDERS.join(',')}, hog ${HOGS.join(',')}${ENGINE_ARGS.length || JVM_ARGS.length ? `, engine ${[...JVM_ARGS, ...ENGINE_ARGS].join(' ')}` : ''}; ${JSON.stringify(versions)}`);
  const results = [];
  for (const hogName of HOGS) {
    for (const n of VIEWERS) {
      for (const ladder of LADDERS) {
        const c = await configuration({ ladder, hogName, n });
        results.push(c);
        const f = c.figures;
        console.log(`[watch] ladder ${ladder}, hog ${hogName}, ${n} viewer(s) in ${c.wallS} s (arriving ${ARRIVE === 'ready' ? `when ready, ${c.readyAfterMs} ms after the engine listened` : 'as soon as the engine listened'}; waited ${c.calm.waitedS} s for a calm machine${c.calm.busy ? ', in vain' : ''}; other work ${c.otherWork.meanCores} cores on average): ${f.finished}/${f.viewers} ended, bridges ${c.viewers.map((v) => v.bridges.length).join(',')}`
          + ` (longest ${f.longestStallS} s), draft ${pct(f.draftSegmentShare)} of segments watched (metric: ${pct(f.draftShare)}), rescues ${c.metrics.rescues ?? 0}, first frame ${c.viewers.map((v) => v.firstFrameMs).join(',')} ms`
          + (c.follower ? `; follower: bridges ${c.follower.viewer.bridges.length}, draft ${pct(c.follower.figures.draftSegmentShare)}, same path ${c.follower.samePath}` : '')
          + (c.metrics.absent.length ? `; metrics absent: ${c.metrics.absent.join(', ')}` : ''));
        for (const v of [...c.viewers, ...(c.follower ? [c.follower.viewer] : [])]) {
          if (v.problems.length || v.errors.length) console.log(`  ${v.tag}: ${[...v.problems, ...v.errors].slice(0, 8).join('; ')}`);
        }
        if (c.engineWarningCount) console.log(`  engine: ${c.engineWarningCount} warning line(s), first: ${c.engineWarnings[0]}`);
      }
    }
  }
  console.log(`\n${table(results)}\n\n${targets(results)}\n`);
  mkdirSync(dirname(JSON_OUT), { recursive: true });
  writeFileSync(JSON_OUT, JSON.stringify({ story: STORY, versions, argv, results }, null, 2));
  console.log(`every viewer's figures: ${JSON_OUT}`);
}

try {
  await main();
} finally {
  killAll();
}
