// Branchline's own player, the <branchline-player> element as the engine serves it
// (/player/branchline-player.js), playing the conformance story in Debian's Chromium, so its
// figures sit beside the third-party players'. Unlike them it starts its own session, reports
// its position, and plays the stored segments through Media Source; the viewer acts through
// the element's own API (choose(index), back()), as a page around it would. The page is served
// by the test on the engine's origin; the frames, `waiting` events and text track cues are
// sampled by the same probe as hls.js's and shaka's (browser.js), on the element's video.
import { probe } from './browser.js';
import { STORY } from './story.js';

function html() {
  return `<!doctype html><meta charset="utf-8"><title>branchline conformance</title>
<body style="margin:0;background:#000">
<branchline-player story="${STORY}" muted autoplay style="width:360px"></branchline-player>
<script type="module">
  import '/player/branchline-player.js';
  const player = document.querySelector('branchline-player');
  // The element is upgraded by the import; its session starts asynchronously, so the probe
  // is on its video before the first frame.
  (${probe})(player.shadowRoot.querySelector('video'));
  player.addEventListener('error', (e) => window.__conformance.errors.push({
    fatal: e.detail.fatal, source: 'branchline', details: e.detail.type + '/' + e.detail.details + ': ' + e.detail.message }));
</script>`;
}

/**
 * Opens the element on the conformance story; resolves to the adapter conformance.js's
 * play(…, {ownSession: true}) expects: {session, act, clock(), finished(), result(), close()}.
 */
export async function openBranchline(browser, engineUrl) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[branchline page error] ${e.message}`));
  // It plays from the session view; a playlist it read would be a promise the engine keeps.
  const playlists = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.m3u8')) playlists.push(r.url());
  });
  await page.route(`${engineUrl}/__conformance/**`, (route) => route.fulfill({ contentType: 'text/html', body: html() }));
  await page.goto(`${engineUrl}/__conformance/branchline.html`);
  const created = await (await page.waitForFunction(() => {
    const s = document.querySelector('branchline-player')?.api?.session;
    return s?.token ? s : null;
  }, null, { timeout: 30000, polling: 50 })).jsonValue();
  const session = {
    id: created.id,
    auth: { Authorization: `Bearer ${created.token}` },
    playlist: new URL(created.playlist, engineUrl).href,
    multivariant: new URL(created.multivariant, engineUrl).href,
    api: `${engineUrl}/api/sessions/${created.id}`,
    created: created.session,
  };
  if (!session.created) session.created = await (await fetch(session.api, { headers: session.auth })).json();

  /** Calls the element's `method` in the page; the wall time is taken there, just before. */
  const call = (method, arg) => page.evaluate(async ([m, a]) => {
    const player = document.querySelector('branchline-player');
    const before = window.__conformance.errors.length;
    const wall = Date.now();
    const ok = await player[m](...(a === null ? [] : [a]));
    const said = window.__conformance.errors.slice(before).map((e) => e.details).join('; ');
    return { status: ok ? 200 : 409, json: player.session, text: ok ? '' : said || `${m}() returned false (the element saw no open window for it)`, wall };
  }, [method, arg ?? null]);

  return {
    page,
    session,
    act: { choose: (option) => call('choose', option), back: () => call('back') },
    clock: () => page.evaluate(() => (window.__conformance.playing ? window.__conformanceVideo.currentTime : null)),
    result: () => page.evaluate(() => ({
      ...window.__conformance,
      cues: Object.values(window.__conformance.cues),
      bridges: document.querySelector('branchline-player').stalls,
    })).then((r) => ({ ...r, playlists: [...playlists] })),
    async finished(end, ms = 30000) {
      await page.waitForFunction((e) => window.__conformance.ended || window.__conformanceVideo.currentTime >= e - 0.1, end, { timeout: ms, polling: 100 });
    },
    close: () => page.close(),
  };
}
