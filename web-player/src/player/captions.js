/**
 * The story's captions as one TextTrack on the video: each visit's captions.vtt (cue times
 * relative to the visit) added as cues on the session's media clock. On by default.
 */
import { parseVtt, placeCues } from './vtt.js';

export class Captions {
  constructor(video, api, language = 'en') {
    this.api = api;
    this.track = video.addTextTrack('captions', 'Captions', language);
    this.track.mode = 'showing';
    this.visits = new Map(); // history index → {key, end, cues: VTTCue[]}
    this.destroyed = false;
  }

  get enabled() {
    return this.track.mode === 'showing';
  }

  set enabled(on) {
    this.track.mode = on ? 'showing' : 'hidden';
  }

  /** Adds the cues of visits that got their key, and trims those of a visit cut short. */
  update(view) {
    (view.history || []).forEach((visit, i) => {
      const known = this.visits.get(i);
      if (!known) {
        // The visit's captions.vtt is there once the whole visit is stored.
        if (!visit.key || !visit.segments || visit.ready < visit.segments) return;
        const entry = { key: visit.key, end: visit.end, cues: [] };
        this.visits.set(i, entry);
        this.api.text(`/segments/${visit.key}/captions.vtt`).then((text) => {
          if (this.destroyed) return;
          for (const c of placeCues(parseVtt(text), visit.start, entry.end)) {
            const cue = new VTTCue(c.startMs / 1000, c.endMs / 1000, c.text);
            entry.cues.push(cue);
            this.track.addCue(cue);
          }
        }).catch(() => this.visits.delete(i)); // not there (yet): asked again with the next VIEW
      } else if (visit.end < known.end) {
        known.end = visit.end;
        const endS = visit.end / 1000;
        known.cues = known.cues.filter((cue) => {
          if (cue.startTime >= endS) {
            this.track.removeCue(cue);
            return false;
          }
          if (cue.endTime > endS) cue.endTime = endS;
          return true;
        });
      }
    });
  }

  destroy() {
    this.destroyed = true;
    for (const v of this.visits.values()) for (const cue of v.cues) this.track.removeCue(cue);
    this.visits.clear();
    this.track.mode = 'disabled';
  }
}
