/**
 * Feeds the one SourceBuffer of a Media Source Extensions stream from the session's VIEW:
 * the init segment once, then each visit's immutable stored segments placed on the
 * session's media clock with timestampOffset. What to append and remove is planned by
 * plan.js; this file only does it, one operation at a time.
 */
import { planBuffer, prefetchPaths, allAppended, segmentPath } from './plan.js';
import { PlayerError, ErrorTypes, ErrorDetails } from './events.js';

/** The MediaSource constructor to use: ManagedMediaSource where offered (iOS 17+), else MediaSource. */
export function mediaSourceClass() {
  if (typeof self === 'undefined') return null;
  return self.ManagedMediaSource || self.MediaSource || null;
}

function once(target, name) {
  return new Promise((resolve, reject) => {
    const ok = () => { target.removeEventListener('error', fail); resolve(); };
    const fail = () => { target.removeEventListener(name, ok); reject(new Error(`${name} failed`)); };
    target.addEventListener(name, ok, { once: true });
    target.addEventListener('error', fail, { once: true });
  });
}

export class MediaPipeline {
  /**
   * @param video the <video> element
   * @param api the SessionApi (fetches stored files)
   * @param config the player's configuration
   * @param onError called with a PlayerError
   * @param onFetched called with (path, ArrayBuffer) once each file is fetched; it must not
   *   change the bytes (they are appended as they are) and should put its work off
   */
  constructor(video, api, config, onError, onFetched = () => {}) {
    this.video = video;
    this.api = api;
    this.config = config;
    this.onError = onError;
    this.onFetched = onFetched;
    this.view = null;
    this.ledger = [];
    this.cache = new Map(); // path → Promise<ArrayBuffer>
    this.busy = false;
    this.destroyed = false;
    this.initAppended = false;
  }

  /** Attaches a new MediaSource to the video and makes its one SourceBuffer for `mime`. */
  async open(mime) {
    const MS = mediaSourceClass();
    if (!MS || !MS.isTypeSupported(mime)) {
      throw new PlayerError(ErrorTypes.MEDIA_ERROR, ErrorDetails.MEDIA_UNSUPPORTED, true, `This browser cannot play this story's video (${mime}).`);
    }
    this.mediaSource = new MS();
    if (MS !== self.MediaSource) this.video.disableRemotePlayback = true; // ManagedMediaSource needs it
    this.objectUrl = URL.createObjectURL(this.mediaSource);
    const opened = once(this.mediaSource, 'sourceopen');
    this.video.src = this.objectUrl;
    await opened;
    this.sourceBuffer = this.mediaSource.addSourceBuffer(mime);
    this.fps = 30;
  }

  /** Takes a new VIEW of the session and brings the buffer in line with it. */
  update(view) {
    this.view = view;
    if (view.media?.fps) this.fps = view.media.fps;
    this.pump();
  }

  playheadMs() {
    return this.video.currentTime * 1000;
  }

  bufferedFromMs() {
    const b = this.sourceBuffer?.buffered;
    return b && b.length ? b.start(0) * 1000 : undefined;
  }

  fetch(path) {
    let p = this.cache.get(path);
    if (!p) {
      p = this.api.bytes(path, this.config.segmentRetries, this.config.retryDelayMs);
      p.then((bytes) => !this.destroyed && this.onFetched(path, bytes), () => this.cache.delete(path));
      this.cache.set(path, p);
    }
    return p;
  }

  async run(operation) {
    const sb = this.sourceBuffer;
    const done = once(sb, 'updateend');
    operation(sb);
    await done;
  }

  /** Applies planned operations until the buffer matches the VIEW; one pump at a time. */
  async pump() {
    if (this.busy || this.destroyed || !this.sourceBuffer || !this.view) return;
    this.busy = true;
    try {
      if (!this.initAppended) {
        if (!this.view.media?.init) return;
        const init = await this.fetch(this.view.media.init);
        await this.run((sb) => sb.appendBuffer(init));
        this.cache.delete(this.view.media.init);
        this.initAppended = true;
      }
      for (;;) {
        if (this.destroyed) return;
        const view = this.view;
        const plan = planBuffer(view, this.ledger, { playheadMs: this.playheadMs(), bufferedFromMs: this.bufferedFromMs() }, this.config);
        const appends = plan.ops.filter((o) => o.op === 'append');
        this.prune(appends, view);
        for (const a of appends.slice(0, 3)) this.fetch(segmentPath(a.entry.key, a.entry.index));
        if (plan.ops.length === 0) {
          this.finishIfEnded(view);
          return;
        }
        // Removals first, then one append; then plan again, since a pick may have come in.
        let i = 0;
        for (; i < plan.ops.length && plan.ops[i].op === 'remove'; i++) await this.remove(plan.ops[i]);
        this.ledger = plan.ledger.slice(0, plan.ledger.length - appends.length);
        if (i === plan.ops.length) continue;
        const entry = plan.ops[i].entry;
        const path = segmentPath(entry.key, entry.index);
        const bytes = await this.fetch(path);
        if (this.view !== view) continue; // the VIEW moved on while fetching: plan again
        await this.append(entry, bytes);
        this.cache.delete(path);
        this.ledger = [...this.ledger, entry];
      }
    } catch (e) {
      if (!this.destroyed) this.onError(e instanceof PlayerError ? e : new PlayerError(ErrorTypes.MEDIA_ERROR, ErrorDetails.APPEND_FAILED, true, `The video could not be played: ${e.message}`));
    } finally {
      this.busy = false;
    }
  }

  async remove({ from, to }) {
    const duration = this.mediaSource.duration;
    const start = from / 1000;
    if (Number.isNaN(duration) || start >= duration) return;
    await this.run((sb) => sb.remove(start, to === Infinity ? Infinity : to / 1000));
  }

  async append(entry, bytes) {
    const sb = this.sourceBuffer;
    sb.timestampOffset = entry.start / 1000;
    // Half a frame of slack so rounding in the stored times never drops the last frame. A
    // visit's last AAC frame may reach up to 21 ms past its end; the next visit's first frame
    // starts exactly at the end, and MSE trims the overhang there (see docs/renderer.md).
    sb.appendWindowEnd = entry.end === Infinity ? Infinity : entry.end / 1000 + 0.5 / this.fps;
    try {
      await this.run((s) => s.appendBuffer(bytes));
    } catch (e) {
      throw new PlayerError(ErrorTypes.MEDIA_ERROR, ErrorDetails.APPEND_FAILED, true, 'A piece of the video could not be decoded.');
    }
  }

  /** Forgets fetched bytes nothing will append soon and no open choice may need. */
  prune(appends, view) {
    const wanted = new Set(appends.slice(0, 4).map((a) => segmentPath(a.entry.key, a.entry.index)));
    for (const p of prefetchPaths(view, this.playheadMs(), this.config)) {
      wanted.add(p);
      this.fetch(p);
    }
    if (view.media?.init && !this.initAppended) wanted.add(view.media.init);
    for (const path of this.cache.keys()) if (!wanted.has(path)) this.cache.delete(path);
  }

  finishIfEnded(view) {
    if (this.mediaSource.readyState === 'open' && !this.sourceBuffer.updating && allAppended(view, this.ledger)) {
      this.mediaSource.endOfStream();
    }
  }

  /**
   * Called a few times a second: steps over a small hole in the buffered media (audio and
   * video of two visits rarely end on the very same microsecond) the way hls.js's gap
   * controller does, and keeps the buffer in line as the playhead moves.
   */
  tick() {
    const v = this.video;
    const b = v.buffered;
    if (!v.paused && !v.seeking && v.readyState < 3 && b.length) {
      const t = v.currentTime;
      for (let i = 0; i < b.length; i++) {
        if (b.start(i) > t && b.start(i) - t < 0.5) {
          v.currentTime = b.start(i) + 0.001;
          break;
        }
      }
    }
    this.pump();
  }

  destroy() {
    this.destroyed = true;
    this.cache.clear();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.video.removeAttribute('src');
    this.video.load();
  }
}
