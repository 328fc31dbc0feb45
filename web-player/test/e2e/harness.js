// What the end-to-end tests and the benchmark share: the real engine on a free loopback
// port with a fresh data folder, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
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
 * Starts `java -jar engine/target/branchline.jar serve STORIES`; resolves to {url, stop()}.
 * BRANCHLINE_CLASSPATH_PREFIX puts a folder before the jar (to try web files without a build).
 */
export async function startEngine(stories = STORIES) {
  const jar = join(REPO, 'engine/target/branchline.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -B -q -DskipTests package`);
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'branchline-e2e-'));
  const prefix = process.env.BRANCHLINE_CLASSPATH_PREFIX;
  const java = prefix
    ? ['-Dvertx.disableFileCaching=true', '-cp', `${prefix}:${jar}`, 'io.branchline.engine.cli.Main']
    : ['-jar', jar];
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', ...java, 'serve', stories, '--port', String(port), '--host', '127.0.0.1', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
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
