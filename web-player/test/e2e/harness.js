// What the end-to-end tests and the benchmark share: the real engine on a free loopback
// port with a fresh data folder, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
export const STORIES = join(REPO, 'web-player/test/e2e/stories');
export const OUT = join(REPO, 'web-player/target/e2e');

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts `java -jar engine/target/branchline.jar serve STORIES` (with `javaOptions` before it, such as a
 * test fault's system property); resolves to {url, pid, log(), stop()}.
 * BRANCHLINE_CLASSPATH_PREFIX puts a folder before the jar (to try web files without a build).
 * The engine runs in a temporary working directory of its own, which also holds its data: a JVM
 * crash report (hs_err_pid*.log) lands there, where stop() looks for it, never in the repository.
 * `serveArgs` go after `serve`; by default one render slot, so that what a test sees does not
 * depend on how many cores the machine has (serve's own default is one slot per core).
 */
export async function startEngine(stories = STORIES, { javaOptions = [], serveArgs = ['--render-slots', '1'] } = {}) {
  const jar = join(REPO, 'engine/target/branchline.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -B -q -DskipTests package`);
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'branchline-e2e-'));
  const data = join(work, 'data');
  mkdirSync(data);
  const prefix = process.env.BRANCHLINE_CLASSPATH_PREFIX;
  const java = prefix
    ? ['-Dvertx.disableFileCaching=true', '-cp', `${resolve(prefix)}:${jar}`, 'io.branchline.engine.cli.Main']
    : ['-jar', jar];
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', ...javaOptions, ...java, 'serve', resolve(stories), '--port', String(port), '--host', '127.0.0.1', '--data', data, ...serveArgs],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  // 'close', not 'exit': by then the engine's last output has been read too.
  const exited = new Promise((ok) => child.once('close', (code, signal) => ok({ code, signal })));
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine stopped:\n${log}`);
    try {
      const r = await fetch(`${url}/api/stories`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`the engine did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    log: () => log,
    /**
     * Sends SIGTERM and waits for the engine to exit. Rejects unless it exited with 0 (the
     * engine handles SIGTERM and stops in order) and left no crash report: an exit by a signal
     * (SIGSEGV, SIGABRT), any other status (134 after an abort, 143 when SIGTERM was not
     * handled) or an hs_err_pid*.log means the engine crashed or did not stop cleanly.
     */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = new Promise((ok) => setTimeout(() => ok(null), 30000).unref());
      let exit = await Promise.race([exited, timeout]);
      if (exit === null) {
        child.kill('SIGKILL');
        exit = await exited;
        exit.hung = true;
      }
      const problem = stopProblem(exit, work);
      rmSync(work, { recursive: true, force: true });
      if (problem) throw new Error(`${problem}\n--- engine output ---\n${log.slice(-4000)}`);
    },
  };
}

/** What was wrong with an engine's exit, or null; a crash report is copied to OUT first. */
function stopProblem({ code, signal, hung }, work) {
  const reports = readdirSync(work).filter((f) => /^(hs_err_pid|replay_pid)\d+\.log$/.test(f));
  if (reports.length) {
    mkdirSync(OUT, { recursive: true });
    for (const f of reports) copyFileSync(join(work, f), join(OUT, f));
    const head = readFileSync(join(work, reports[0]), 'utf8').split('\n').slice(0, 12).join('\n');
    return `the engine crashed: ${reports.join(', ')} (copied to ${OUT})\n${head}`;
  }
  if (hung) return 'the engine did not exit within 30 s of SIGTERM (killed)';
  if (signal !== null) return `the engine was ended by ${signal}, not by its own SIGTERM handling`;
  if (code !== 0) return `the engine exited with ${code} after SIGTERM (0 expected)`;
  return null;
}

/** Debian's Chromium with a fresh profile; resolves to a Playwright BrowserContext. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'branchline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 420, height: 760 },
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** Starts a session over the API and waits until every visit and option it shows is stored. */
/**
 * Waits until the engine says it is ready for viewers (`/health/ready`: every story's first scene
 * rendered at start-up, at whichever tier). How long that takes depends on the machine and the
 * stories served, so tests wait on the engine's own word rather than a guess of the time.
 */
export async function ready(url, ms = 180000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await fetch(`${url}/health/ready`)).status === 200) return;
    if (Date.now() > deadline) throw new Error(`the engine was not ready for viewers in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function warm(url, story, ms = 30000) {
  const created = await (await fetch(`${url}/api/stories/${story}/sessions`, { method: 'POST' })).json();
  const auth = { Authorization: `Bearer ${created.token}` };
  const deadline = Date.now() + ms;
  for (;;) {
    const view = await (await fetch(`${url}/api/sessions/${created.id}`, { headers: auth })).json();
    const parts = [...view.history, ...(view.choice?.options || []).map((o) => o.next).filter(Boolean)];
    if (view.media.init && parts.every((p) => p.key && p.ready === p.segments)) return view;
    if (Date.now() > deadline) throw new Error(`${story} was not rendered in ${ms} ms: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
