// Choice-to-play latency, side by side: Branchline's own player, hls.js, shaka-player and
// Debian's ffmpeg each play the conformance story (test/conformance/stories/paths) --runs
// times, every run on a cold engine (a new engine process with an empty data folder: nothing
// rendered, the JVM not warm), with the viewer the conformance suite plays (a timed default,
// a pick, a `cut` pick, a back; test/conformance/viewer.js). Printed as a Markdown table:
// start position, median and worst wall ms from each pick or back to the first frame of its
// scene on screen, stalls per run, and the conformance checks that failed.
//
// Run: node bench/choice-latency.mjs [--runs 3] [--hog] [--jar engine/target/branchline.jar]
//   --hog  two `node -e` busy loops (one per core here) spin beside the runs, each bounded in
//          time, killed when the benchmark ends: the same on a loaded machine.
//   --jar  the engine jar; it and its lib/ are copied first, so a rebuild of engine/target
//          during the runs cannot pull classes from under a running engine.
// (needs the engine jar: mvn -B -q -DskipTests install; /usr/bin/chromium; ffmpeg; npm ci)
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { REPO, freePort, launchChromium } from '../test/e2e/harness.js';
import { STORIES, checkStart, checkFrames } from '../test/conformance/story.js';
import { openPlayer } from '../test/conformance/browser.js';
import { openFfmpeg } from '../test/conformance/ffmpeg.js';
import { openBranchline } from '../test/conformance/branchline.js';
import { play, latencies } from '../test/conformance/conformance.js';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const RUNS = Number(option('runs', 3));
const HOG = flag('hog');
const JAR = resolve(option('jar', join(REPO, 'engine/target/branchline.jar')));
const OUT = join(REPO, 'web-player/target/bench');

/** The act names the viewer uses, as the table's columns. */
const ACTS = { 'pick Go': 'pick', 'pick Run': 'cut', back: 'back' };

/** How each player is opened: the third-party ones on a session the viewer made, ours on its own. */
const PLAYERS = {
  branchline: { browser: true, ownSession: true, open: (ctx) => () => openBranchline(ctx.browser, ctx.engine.url) },
  'hls.js': { browser: true, open: (ctx) => (session, history) => openPlayer(ctx.browser, ctx.engine.url, 'hls.js', session, history) },
  shaka: { browser: true, open: (ctx) => (session, history) => openPlayer(ctx.browser, ctx.engine.url, 'shaka', session, history) },
  ffmpeg: { browser: false, open: () => (session) => openFfmpeg(session.multivariant) },
};

/** The engine jar and its lib/, copied once, so every run uses the same bytes. */
function snapshotEngine(jar) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -B -q -DskipTests install`);
  const dir = mkdtempSync(join(tmpdir(), 'branchline-bench-engine-'));
  cpSync(jar, join(dir, 'branchline.jar'));
  cpSync(join(dirname(jar), 'lib'), join(dir, 'lib'), { recursive: true });
  return dir;
}

/** A cold engine: a new process on the snapshot, with an empty data folder (as harness.js's startEngine). */
async function startEngine(snapshot) {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'branchline-bench-data-'));
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-jar', join(snapshot, 'branchline.jar'), 'serve', STORIES, '--port', String(port), '--host', '127.0.0.1', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine stopped:\n${log}`);
    try {
      if ((await fetch(`${url}/api/stories`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`the engine did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** One busy loop per core, each ending by itself after `ms` at the latest; stop() kills them. */
function hog(ms) {
  const children = cpus().map(() => spawn(process.execPath, ['-e', `const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) x++;`], { stdio: 'ignore' }));
  return {
    count: children.length,
    stop() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  };
}

/**
 * ffmpeg decodes as fast as segments are listed, not at the pace of a screen: its frames are
 * put on a modelled screen instead, the first when decoded and each next one a frame duration
 * after the one before, or when decoded if that is later (a stall: a frame more than 100 ms
 * late). The conformance viewer's clock for ffmpeg is the same model without the stalls.
 */
function ffmpegScreen(frames) {
  const shown = [];
  const stalls = [];
  for (const [i, f] of frames.entries()) {
    const due = i === 0 ? f.wall : shown[i - 1].wall + Math.max(0, f.t - frames[i - 1].t) * 1000;
    if (f.wall > due + 100) stalls.push({ t: f.t, wall: f.wall, afterStart: true });
    shown.push({ ...f, wall: Math.max(due, f.wall) });
  }
  return { frames: shown, waiting: stalls };
}

/** One run of one player on a cold engine; resolves to its figures and failed checks. */
async function runOnce(name, snapshot) {
  const p = PLAYERS[name];
  const engine = await startEngine(snapshot);
  const ctx = { engine, browser: p.browser ? await launchChromium() : null };
  try {
    let run = await play(name, engine.url, p.open(ctx), { ownSession: !!p.ownSession, quiet: true });
    const modelled = name === 'ffmpeg';
    if (modelled) run = { ...run, ...ffmpegScreen(run.frames) };
    const history = run.viewer.view.history;
    const failed = [
      ...checkStart(run.frames, history),
      ...run.viewer.problems,
      ...checkFrames(run.frames, history),
      ...(run.finished ? [run.finished] : []),
      ...run.errors.filter((e) => e.fatal).map((e) => `${e.source}: ${e.details}`),
    ];
    const ms = Object.fromEntries(latencies(run).map((l) => [ACTS[l.name] ?? l.name, l.ms]));
    return {
      player: name,
      modelled,
      start: run.frames[0]?.t ?? null,
      ms,
      stalls: run.waiting.filter((w) => w.afterStart).map((w) => +w.t.toFixed(2)),
      failed,
      history: history.map((v) => `${v.scene} ${v.start / 1000}–${v.end / 1000}`).join(', '),
      acts: run.viewer.acts.map((a) => ({ name: a.name, clock: +a.clock.toFixed(2), status: a.status, starts: a.visit ? a.visit.start / 1000 : null })),
    };
  } finally {
    await ctx.browser?.close();
    await engine.stop();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2)) : null;
};

function table(results) {
  const rows = [
    '| player | start position | pick: median / worst | cut pick: median / worst | back: median / worst | cut / back land after the act (media s, median) | stalls per run | failed checks |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of Object.keys(PLAYERS)) {
    const runs = results.filter((r) => r.player === name);
    if (!runs.length) continue;
    const starts = runs.map((r) => r.start);
    const startText = starts.every((s) => s !== null && s === starts[0]) ? `${starts[0].toFixed(3)} s` : starts.map((s) => (s === null ? 'none' : s.toFixed(3))).join(' / ') + ' s';
    const cell = (act) => {
      const xs = runs.map((r) => r.ms[act]);
      const got = xs.filter((x) => x !== null && x !== undefined);
      const missed = xs.length - got.length;
      if (!got.length) return 'never';
      return `${median(got)} / ${Math.max(...got)} ms${missed ? ` (${missed} never)` : ''}`;
    };
    // How far after the viewer's clock at the act the chosen visit starts: the listing horizon.
    const lands = (act) => median(runs.flatMap((r) => r.acts.filter((a) => a.name === act && a.starts !== null).map((a) => Math.round((a.starts - a.clock) * 100))));
    const landText = [lands('pick Run'), lands('back')].map((x) => (x === null ? '–' : `${(x / 100).toFixed(2)}`)).join(' / ');
    const stalls = runs.map((r) => r.stalls.length).join(', ');
    const failed = runs.map((r) => r.failed.length).reduce((a, b) => a + b, 0);
    rows.push(`| ${name}${runs[0].modelled ? ' (modelled screen)' : ''} | ${startText} | ${cell('pick')} | ${cell('cut')} | ${cell('back')} | ${landText} | ${stalls} | ${failed} in ${runs.length} runs |`);
  }
  return rows.join('\n');
}

async function main() {
  const versions = {
    nproc: execFileSync('nproc').toString().trim(),
    chromium: execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    ffmpeg: execFileSync(process.env.FFMPEG || 'ffmpeg', ['-version']).toString().split('\n')[0],
    'hls.js': JSON.parse(readFileSync(join(REPO, 'web-player/node_modules/hls.js/package.json'))).version,
    'shaka-player': JSON.parse(readFileSync(join(REPO, 'web-player/node_modules/shaka-player/package.json'))).version,
    node: process.version,
  };
  console.log(`choice-latency: ${RUNS} run(s) per player, each on a cold engine${HOG ? ', beside a busy loop on every core' : ''}; ${JSON.stringify(versions)}`);
  const loadStart = loadavg();
  const snapshot = snapshotEngine(JAR);
  // Bounded even if this process dies without killing them: 2 minutes a run is far more than one takes.
  const load = HOG ? hog(RUNS * Object.keys(PLAYERS).length * 120000) : null;
  if (load) console.log(`choice-latency: ${load.count} busy loop(s) spinning`);
  const stop = () => load?.stop();
  process.once('SIGINT', () => { stop(); process.exit(130); });
  const results = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      for (const name of Object.keys(PLAYERS)) {
        const r = await runOnce(name, snapshot);
        results.push(r);
        console.log(`run ${i} ${name}: start ${r.start?.toFixed(3) ?? 'none'} s; ${Object.entries(r.ms).map(([k, v]) => `${k} ${v ?? 'never'} ms`).join(', ')}; stalls ${r.stalls.length}${r.stalls.length ? ` (at ${r.stalls.join(', ')} s)` : ''}; `
          + `acts ${r.acts.map((a) => `${a.name} at ${a.clock} s → ${a.starts ?? a.status}`).join(', ')}; history ${r.history}${r.failed.length ? `\n  FAILED: ${r.failed.join('\n  FAILED: ')}` : ''}`);
      }
    }
  } finally {
    stop();
    rmSync(snapshot, { recursive: true, force: true });
  }
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\nload average (1, 5, 15 min) at the start: ${fmtLoad(loadStart)}; at the end: ${fmtLoad(loadavg())}\n`);
  console.log(`${table(results)}\n`);
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `choice-latency${HOG ? '-hog' : ''}.json`);
  writeFileSync(file, JSON.stringify({ runs: RUNS, hog: HOG, versions, loadStart, loadEnd: loadavg(), results }, null, 2));
  console.log(`every run's figures: ${file}`);
}

await main();
