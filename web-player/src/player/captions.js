/**
 * The story's captions as one TextTrack on the video. Each visit of the session view carries
 * its cues on the session's media clock (`history[i].captions`, worked out by the engine from
 * the visit's shots, so they are there as soon as the visit is on the timeline, rendered or
 * not); they are added once, and trimmed when a cut or a back ends the visit early. On by
 * default. No request of its own.
 */
export class Captions {
  constructor(video, api, language = 'en') {
    this.track = video.addTextTrack('captions', 'Captions', language);
    this.track.mode = 'showing';
    this.visits = new Map(); // history index → {end, cues: VTTCue[]}
  }

  get enabled() {
    return this.track.mode === 'showing';
  }

  set enabled(on) {
    this.track.mode = on ? 'showing' : 'hidden';
  }

  /** Adds the cues of visits not seen before, and trims those of a visit cut short. */
  update(view) {
    (view.history || []).forEach((visit, i) => {
      const known = this.visits.get(i);
      if (!known) {
        if (!Array.isArray(visit.captions)) return;
        const entry = { end: visit.end, cues: [] };
        this.visits.set(i, entry);
        for (const c of visit.captions) {
          const cue = new VTTCue(c.start / 1000, c.end / 1000, c.text);
          entry.cues.push(cue);
          this.track.addCue(cue);
        }
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
    for (const v of this.visits.values()) for (const cue of v.cues) this.track.removeCue(cue);
    this.visits.clear();
    this.track.mode = 'disabled';
  }
}
