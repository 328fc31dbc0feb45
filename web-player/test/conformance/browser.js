// hls.js and shaka-player, each from its npm package's dist build in its default
// configuration, playing a real session in Debian's Chromium. The page is served by the test
// itself (page.route, on the engine's origin so no CORS is involved); every playlist answer
// the player gets is recorded into the playlist history; in the page, every frame shown is
// sampled (requestVideoFrameCallback, drawn onto a small canvas), with `waiting` events,
// player errors and the cues of the video's text tracks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../e2e/harness.js';

const DIST = {
  'hls.js': join(REPO, 'web-player/node_modules/hls.js/dist/hls.min.js'),
  shaka: join(REPO, 'web-player/node_modules/shaka-player/dist/shaka-player.compiled.js'),
};

/**
 * Runs in the page before the player: records what a viewer would notice on `video` (the
 * page's only <video> unless given; Branchline's player keeps its own in a shadow root).
 */
export function probe(video = document.querySelector('video')) {
  const c = { frames: [], waiting: [], errors: [], cues: {}, playing: null, ended: false, tracks: [] };
  window.__conformance = c;
  window.__conformanceVideo = video;
  video.addEventListener('playing', () => { c.playing ??= { t: video.currentTime, wall: Date.now() }; });
  video.addEventListener('waiting', () => c.waiting.push({ t: video.currentTime, wall: Date.now(), afterStart: c.playing !== null }));
  video.addEventListener('ended', () => { c.ended = true; });
  video.addEventListener('error', () => c.errors.push({ fatal: true, source: 'video', details: video.error?.message || String(video.error?.code) }));
  const canvas = document.createElement('canvas');
  canvas.width = 9;
  canvas.height = 16;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  const onFrame = (now, meta) => {
    g.drawImage(video, 0, 0, 9, 16);
    const d = g.getImageData(4, 4, 1, 1).data;
    c.frames.push({ t: meta.mediaTime, rgb: [d[0], d[1], d[2]], wall: performance.timeOrigin + meta.expectedDisplayTime });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  // Cues leave a track once played past (players prune what is behind): keep each seen.
  setInterval(() => {
    c.tracks = [...video.textTracks].map((t) => `${t.kind}:${t.label}:${t.language}:${t.mode}`);
    for (const t of video.textTracks) {
      for (const cue of t.cues ?? []) c.cues[`${cue.startTime}|${cue.text}`] = { text: cue.text, start: cue.startTime, end: cue.endTime };
    }
  }, 100);
}

/** The player's own code in the page: load SRC, play muted (autoplay), report errors. */
const START = {
  'hls.js': `
    // The default configuration; CONFORMANCE_DEBUG=1 turns on hls.js's own log to see why.
    const hls = new Hls(window.__conformanceDebug ? { debug: true } : undefined);
    hls.on(Hls.Events.ERROR, (event, data) => window.__conformance.errors.push({
      fatal: data.fatal, source: 'hls.js', details: data.type + '/' + data.details + (data.reason ? ': ' + data.reason : '') + (data.error ? ': ' + data.error.message : '') }));
    hls.loadSource(SRC);
    hls.attachMedia(video);
    video.play().catch(() => {});
    window.__player = hls;`,
  shaka: `
    shaka.polyfill.installAll();
    const player = new shaka.Player();
    // Every error event counts: shaka's RECOVERABLE ones too.
    player.addEventListener('error', (e) => window.__conformance.errors.push({
      fatal: true, source: 'shaka', details: 'code ' + e.detail.code + ' category ' + e.detail.category + ' severity ' + e.detail.severity + ' ' + JSON.stringify(e.detail.data).slice(0, 300) }));
    window.__player = player;
    (async () => {
      await player.attach(video);
      await player.load(SRC);
      // shaka streams text only while a text track is selected: where it chose none itself,
      // the viewer turns captions on (shaka 5's API for what a CC button does).
      const text = player.getTextTracks();
      window.__conformance.textAutoSelected = text.some((t) => t.active);
      if (!window.__conformance.textAutoSelected && text.length) player.selectTextTrack(text[0]);
      await video.play().catch(() => {});
    })().catch((e) => window.__conformance.errors.push({ fatal: true, source: 'shaka', details: 'load: code ' + e.code + ' ' + (e.message || '') }));`,
};

function html(player, src) {
  return `<!doctype html><meta charset="utf-8"><title>${player} conformance</title>
<body style="margin:0;background:#000">
<video muted autoplay playsinline width="360" height="640"></video>
<script>(${probe})();</script>
<script src="/__conformance/${player}.js"></script>
<script>
  const SRC = ${JSON.stringify(src)};
  const video = document.querySelector('video');
  ${START[player]}
</script>`;
}

/**
 * Opens `player` ('hls.js' or 'shaka') on the session's multivariant playlist; playlist
 * answers go into `history`. Resolves to {page, clock(), state(), close()}.
 */
export async function openPlayer(browser, engineUrl, player, session, history) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[${player} page error] ${e.message}`));
  const sent = new Map();
  page.on('request', (r) => sent.set(r, Date.now()));
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.endsWith('.m3u8') || r.status() !== 200) return;
    const received = Date.now();
    try {
      history.record(path.split('/').pop(), await r.text(), { sent: sent.get(r.request()) ?? received, received, source: player });
    } catch { /* the page closed while the body came */ }
  });
  if (process.env.CONFORMANCE_DEBUG) {
    await page.addInitScript(() => { window.__conformanceDebug = true; });
    page.on('console', (m) => console.log(`[${player} console] ${m.text()}`));
  }
  await page.route(`${engineUrl}/__conformance/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'page.html') return route.fulfill({ contentType: 'text/html', body: html(player, session.multivariant) });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(DIST[name.replace(/\.js$/, '')]) });
  });
  await page.goto(`${engineUrl}/__conformance/page.html`);
  return {
    page,
    /** The media time the viewer sees (s), or null before playback began. */
    clock: () => page.evaluate(() => (window.__conformance.playing ? document.querySelector('video').currentTime : null)),
    /** What the page recorded: frames, waiting events, errors, cues, text tracks. */
    result: () => page.evaluate(() => ({ ...window.__conformance, cues: Object.values(window.__conformance.cues) })),
    /** Waits until the video ended or played to `end` (s). */
    async finished(end, ms = 30000) {
      await page.waitForFunction((e) => window.__conformance.ended || document.querySelector('video').currentTime >= e - 0.1, end, { timeout: ms, polling: 100 });
    },
    close: () => page.close(),
  };
}
