// The viewer the conformance tests play: it watches a third-party player's clock and steers
// the session only through the engine's REST API, as an app around such a player would. It
// also polls the session's three playlists into the playlist history, and reads the captions
// rendition once the story ended.
import { STORY, WINDOWS, parseVtt } from './story.js';

/** Starts a session of the conformance story; resolves to its ids and addresses. */
export async function createSession(engineUrl) {
  const r = await fetch(`${engineUrl}/api/stories/${STORY}/sessions`, { method: 'POST' });
  if (r.status !== 201) throw new Error(`POST /api/stories/${STORY}/sessions answered ${r.status}: ${await r.text()}`);
  const body = await r.json();
  return {
    id: body.id,
    auth: { Authorization: `Bearer ${body.token}` },
    playlist: engineUrl + body.playlist,
    multivariant: engineUrl + body.multivariant,
    api: `${engineUrl}/api/sessions/${body.id}`,
    created: body.session,
  };
}

export async function view(session) {
  const r = await fetch(session.api, { headers: session.auth });
  if (!r.ok) throw new Error(`GET ${session.api} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

async function post(session, path, body) {
  const r = await fetch(session.api + path, {
    method: 'POST',
    headers: { ...session.auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* a problem detail that is not JSON: keep the text */ }
  return { status: r.status, json, text };
}

/** The viewer's picks and backs as POSTs to the session's REST API. */
export function restActions(session) {
  return {
    choose: (option) => post(session, '/choices', { option }),
    back: () => post(session, '/back'),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const story = (v) => v.history.map((h) => `${h.scene} ${h.start}–${h.end}`).join(', ');

/**
 * Polls every `ms` the session's media, captions and multivariant playlists into `history`
 * (a PlaylistHistory); returns {stop()}.
 */
export function pollPlaylists(session, history, ms = 250) {
  const base = session.multivariant.replace(/[^/]+$/, '');
  let running = true;
  const once = async (name) => {
    const sent = Date.now();
    try {
      const r = await fetch(base + name);
      const text = await r.text();
      if (r.ok) history.record(name, text, { sent, received: Date.now(), source: 'poll' });
    } catch { /* the engine stopping at the end of a test */ }
  };
  const done = (async () => {
    while (running) {
      await Promise.all(['index.m3u8', 'captions.m3u8', 'main.m3u8'].map(once));
      await sleep(ms);
    }
  })();
  return { async stop() { running = false; await done; } };
}

/** The cues of the captions rendition as it stands: captions.m3u8 and every WebVTT it lists. */
export async function captionsRendition(session) {
  const url = session.multivariant.replace(/[^/]+$/, 'captions.m3u8');
  const answer = await fetch(url);
  const list = await answer.text();
  if (!answer.ok) throw new Error(`captions.m3u8 answered ${answer.status}: ${list.slice(0, 200)}`);
  const cues = [];
  for (const uri of list.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const r = await fetch(new URL(uri, url));
    if (!r.ok) throw new Error(`${uri} listed in captions.m3u8 answered ${r.status}`);
    cues.push(...parseVtt(await r.text()));
  }
  return cues;
}

/**
 * Acts as the viewer: lets the first choice time out (its default), picks "Go" at the second
 * (a normal choice), "Run" at the third (a `cut` choice), goes back while "run" plays, and
 * lets the default be taken again; then waits for the story to end.
 *
 * clock() resolves to the media time (s) the viewer sees now, or null before playback began.
 * CONFORMANCE_REPORT_POSITION=1 also reports that clock to the engine (POST …/position) as
 * Branchline's own player does: a way to see the later steps on an engine that needs it,
 * never how the suite runs.
 * `act` is how the viewer picks and goes back: {choose(option), back()}, each resolving to
 * {status, json: the session's view after it, text, wall?: epoch ms the act began}; by default
 * the REST API (restActions), as an app around a third-party player does; Branchline's own
 * player gets its element's choose() and back() instead.
 * Resolves to {problems, acts: [{name, wall, clock, status, detail, visit}], view: the last view}.
 */
export async function actAsViewer(session, clock, { log = () => {}, stepMs = 30000, reportPosition = !!process.env.CONFORMANCE_REPORT_POSITION, act = restActions(session) } = {}) {
  const problems = [];
  const acts = [];
  const now = async () => (await clock()) ?? 0;
  const segment = async () => ((await view(session)).media?.segmentMs ?? 1000) / 1000;

  /** Polls the view until pred holds; throws with what the session looked like. */
  const until = async (pred, what, ms = stepMs) => {
    const deadline = Date.now() + ms;
    let v;
    for (;;) {
      v = await view(session);
      if (await pred(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what} did not happen in ${ms / 1000} s; the player's clock is at ${(await now()).toFixed(2)} s and the session is at ${v.scene}: ${story(v)}`);
      await sleep(100);
    }
  };
  /** Waits until the viewer's clock reaches t (s). */
  const clockReaches = async (t, what, ms = stepMs) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const c = await clock();
      if (c !== null && c >= t) return c;
      if (Date.now() > deadline) throw new Error(`the player's clock did not reach ${t.toFixed(2)} s (${what}) in ${ms / 1000} s; it is at ${c}`);
      await sleep(50);
    }
  };
  /** Waits until `scene` is the latest visit (with its choice open, if `choice`); fails at once when the session went past it. */
  const reach = (scene, choice) => until((x) => {
    const i = x.history.findIndex((h, j) => h.scene === scene && j >= x.history.length - 1);
    if (x.history.some((h, j) => h.scene === scene && j < x.history.length - 1) && i < 0) {
      throw new Error(`the session went past ${scene} before the viewer could act, with the player's clock at ${lastClock.toFixed(2)} s: ${story(x)}`);
    }
    return i >= 0 && (!choice || x.choice);
  }, `${scene}${choice ? '\'s choice' : ''} opening`);
  let lastClock = 0;
  const tick = setInterval(async () => {
    lastClock = await now().catch(() => lastClock);
    // Only to try the rest of the run on an engine whose clock does not follow a plain HLS
    // player yet: third-party players in their default configuration report nothing.
    if (reportPosition) post(session, '/position', { ms: Math.round(lastClock * 1000) }).catch(() => {});
  }, 100);

  /**
   * The window the story gives `scene`'s choice (the last WINDOWS[scene] ms of its video, as
   * the history has it now) against the one the API announces; a problem where they differ
   * by more than a segment. Resolves to where both agree the window is open, [from, to] ms (or the API's window).
   */
  const windowOf = async (scene, v) => {
    const visit = v.history.at(-1);
    const story = { opens: visit.end - WINDOWS[scene], closes: visit.end };
    const { opens, closes } = v.choice;
    const segmentMs = (await segment()) * 1000;
    if (Math.abs(opens - story.opens) > segmentMs || Math.abs(closes - story.closes) > segmentMs) {
      problems.push(`the API announces the window of ${scene}'s choice for ${opens / 1000}–${closes / 1000} s, but the story puts it at ${story.opens / 1000}–${story.closes / 1000} s `
        + `(the last ${WINDOWS[scene] / 1000} s of the scene's video, ${visit.start / 1000}–${visit.end / 1000} s): ${Math.abs(closes - story.closes) / 1000} s off, more than one ${segmentMs / 1000} s segment`);
    }
    const from = Math.max(opens, story.opens);
    const to = Math.min(closes, story.closes);
    // Where they overlap by too little (an engine off by more than the tolerance, already
    // told), the viewer goes by what the API says, so the later steps are still tried.
    return to - from >= Math.min(segmentMs, (closes - opens) / 2) ? [from, to] : [opens, closes];
  };

  /** Picks the option labelled `label` of the open choice of `scene` once the clock is inside its window. */
  const pick = async (scene, label) => {
    const v = await reach(scene, true);
    const { opens, closes } = v.choice;
    const [from, to] = await windowOf(scene, v);
    const option = v.choice.options.find((o) => o.label === label);
    // The middle of the window: clear of both ends by more than the clocks can differ.
    const at = await clockReaches((from + to) / 2000, `inside the window of ${scene}`);
    if (at > closes / 1000 - 0.2) problems.push(`the player's clock jumped past the window of ${scene} (${opens / 1000}–${closes / 1000} s) to ${at.toFixed(2)} s before the viewer could pick`);
    const sent = Date.now();
    const r = await act.choose(option.index);
    const wall = r.wall ?? sent;
    acts.push({ name: `pick ${label}`, wall, clock: at, status: r.status, detail: r.json?.detail ?? r.text, visit: r.json?.history?.at(-1) });
    log(`pick "${label}" at ${at.toFixed(2)} s (window ${opens / 1000}–${closes / 1000} s): ${r.status}`);
    if (r.status !== 200) {
      problems.push(`the pick of "${label}" at ${at.toFixed(2)} s of the player's clock, inside the window ${opens / 1000}–${closes / 1000} s, was refused: ${r.status} ${r.json?.detail ?? r.text}`);
      throw new Error('stop');
    }
    return r.json;
  };

  const steps = {
    async 'timed default'() {
      const closes = session.created.history[0].end; // the window ends with the first scene's video
      // Once the player plays, the window the API announces is checked as at every choice.
      const playing = await until(async (x) => x.history.length > 1 || (await clock()) !== null, 'the player starting');
      if (playing.history.length === 1 && playing.choice) await windowOf('start', playing);
      const after = await until((x) => x.history.length > 1, 'the default of the first choice being taken', stepMs + closes);
      const at = await now();
      log(`default taken with the player's clock at ${at.toFixed(2)} s (window closes at ${closes / 1000} s)`);
      if (after.history[1].scene !== 'left') problems.push(`nobody picked at the first choice, yet ${after.history[1].scene} follows, not the default (left)`);
      const seg = await segment();
      if (at < closes / 1000 - seg) {
        problems.push(`the engine took the first choice's default while the player's clock was at ${at.toFixed(2)} s, ${(closes / 1000 - at).toFixed(2)} s before its window closes (${closes / 1000} s), `
          + `more than one ${seg} s segment early: a viewer picking then would be refused`);
      }
    },
    async 'normal pick'() {
      const taken = await pick('left', 'Go');
      if (taken.history.at(-1).scene !== 'go') problems.push(`after picking "Go" the session goes to ${taken.history.at(-1).scene}, not go`);
    },
    async 'cut pick'() {
      const taken = await pick('go', 'Run');
      if (taken.history.at(-1).scene !== 'run') problems.push(`after picking "Run" the session goes to ${taken.history.at(-1).scene}, not run`);
    },
    async back() {
      const v = await reach('run', false);
      const run = v.history.at(-1);
      const at = await clockReaches(run.start / 1000 + 0.5, 'inside the run scene');
      const sent = Date.now();
      const r = await act.back();
      const wall = r.wall ?? sent;
      acts.push({ name: 'back', wall, clock: at, status: r.status, detail: r.json?.detail ?? r.text, visit: r.json?.history?.at(-1) });
      log(`back at ${at.toFixed(2)} s: ${r.status}`);
      if (r.status !== 200) {
        problems.push(`back at ${at.toFixed(2)} s of the player's clock, while run plays, was refused: ${r.status} ${r.json?.detail ?? r.text}`);
        throw new Error('stop');
      }
      if (r.json.history.at(-1).scene !== 'go') problems.push(`after back the session goes to ${r.json.history.at(-1).scene}, not go (the scene of the previous choice)`);
    },
  };
  for (const [name, step] of Object.entries(steps)) {
    try {
      await step();
    } catch (e) {
      if (e.message !== 'stop') problems.push(`${name}: ${e.message}`);
      problems.push(`the viewer stopped at the ${name}; the steps after it were not tried`);
      break;
    }
  }
  clearInterval(tick);
  let last;
  try {
    last = await until(async (x) => x.ended || ((await clock()), false), 'the story ending', 45000);
  } catch (e) {
    problems.push(e.message);
    last = await view(session);
  }
  return { problems, acts, view: last };
}
