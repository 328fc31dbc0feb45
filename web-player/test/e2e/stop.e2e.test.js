// The harness's stop() is how every end-to-end test checks that the engine stopped cleanly:
// exit status 0 after SIGTERM and no JVM crash report. These tests make sure it can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, REPO, OUT } from './harness.js';

const crashReports = (dir) => readdirSync(dir).filter((f) => f.startsWith('hs_err_pid'));

/** Resolves once the process is gone (and reaped), at most 30 s. */
async function gone(pid) {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('stop() resolves when the engine stops in order on SIGTERM', async () => {
  const engine = await startEngine();
  await engine.stop();
  assert.match(engine.log(), /Branchline stopped\./);
});

test('stop() rejects when the engine crashed, and the crash report stays out of the repository', async () => {
  const engine = await startEngine();
  // HotSpot treats a SIGSEGV as a fault: it writes hs_err_pid*.log in its working directory and aborts.
  process.kill(engine.pid, 'SIGSEGV');
  await gone(engine.pid);
  const error = await engine.stop().then(() => null, (e) => e);
  assert.match(String(error && error.message), /the engine crashed: hs_err_pid\d+\.log/);
  assert.deepEqual(crashReports(REPO), []);
  assert.deepEqual(crashReports(join(REPO, 'web-player')), []);
  // The harness keeps a copy of every crash report for whoever looks into a failure; this crash was
  // provoked, so its copy goes, and a crash report under target/ always means a real crash.
  const report = join(OUT, `hs_err_pid${engine.pid}.log`);
  assert.ok(existsSync(report), `the harness copied the report to ${OUT}`);
  rmSync(report);
});

test('stop() rejects when the engine was ended by a signal it does not handle', async () => {
  const engine = await startEngine();
  process.kill(engine.pid, 'SIGKILL');
  await gone(engine.pid);
  await assert.rejects(engine.stop(), /ended by SIGKILL/);
});
