/**
 * Fills the hole the engine leaves at the end of each visit's audio. A stored visit's AAC
 * audio stops at the last whole AAC frame (1024 samples) before its video ends, so up to
 * ~21 ms short; Chrome plays through such holes one by one, but its audio clock drifts a
 * little at each, and after some forty 1-second scenes in a row the video stalls for good.
 * After the last segment of a visit, the player appends a few silent AAC frames of its own
 * that reach past the video's end (the append window trims what sticks out).
 * DOM-free: reads and writes ISO BMFF boxes.
 */

// Silent AAC-LC frames by channel count (the same ones hls.js inserts into holes).
const SILENT = {
  1: [0x00, 0xc8, 0x00, 0x80, 0x23, 0x80],
  2: [0x21, 0x00, 0x49, 0x90, 0x02, 0x19, 0x00, 0x23, 0x80],
};

function boxes(view, start, end) {
  const out = [];
  for (let at = start; at + 8 <= end;) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) break;
    out.push({ type, start: at, body: at + header, end: at + size });
    at += size;
  }
  return out;
}

function child(view, box, type) {
  return boxes(view, box.body, box.end).find((b) => b.type === type);
}

function path(view, box, ...types) {
  let b = box;
  for (const t of types) {
    b = b && child(view, b, t);
  }
  return b;
}

/** The tracks of an init segment: [{id, kind: 'audio'|'video'|…, timescale, channels?, defaultDuration}]. */
export function readInit(buffer) {
  const view = new DataView(buffer);
  const moov = boxes(view, 0, view.byteLength).find((b) => b.type === 'moov');
  if (!moov) return [];
  const defaults = new Map();
  const mvex = child(view, moov, 'mvex');
  if (mvex) {
    for (const trex of boxes(view, mvex.body, mvex.end).filter((b) => b.type === 'trex')) {
      defaults.set(view.getUint32(trex.body + 4), view.getUint32(trex.body + 12));
    }
  }
  const tracks = [];
  for (const trak of boxes(view, moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const tkhd = child(view, trak, 'tkhd');
    const mdhd = path(view, trak, 'mdia', 'mdhd');
    const hdlr = path(view, trak, 'mdia', 'hdlr');
    if (!tkhd || !mdhd || !hdlr) continue;
    const id = view.getUint32(tkhd.body + (view.getUint8(tkhd.body) === 1 ? 20 : 12));
    const timescale = view.getUint32(mdhd.body + (view.getUint8(mdhd.body) === 1 ? 20 : 12));
    const handler = String.fromCharCode(...new Uint8Array(buffer, hdlr.body + 8, 4));
    const track = { id, kind: handler === 'soun' ? 'audio' : handler === 'vide' ? 'video' : handler, timescale, defaultDuration: defaults.get(id) || 0 };
    const stsd = path(view, trak, 'mdia', 'minf', 'stbl', 'stsd');
    if (stsd && track.kind === 'audio') {
      const entry = boxes(view, stsd.body + 8, stsd.end)[0];
      if (entry) {
        track.codec = entry.type;
        track.channels = view.getUint16(entry.body + 16);
      }
    }
    tracks.push(track);
  }
  return tracks;
}

/** Where each track of a media segment ends, in that track's timescale: Map id → end. */
export function trackEnds(buffer, tracks) {
  const view = new DataView(buffer);
  const ends = new Map();
  for (const moof of boxes(view, 0, view.byteLength).filter((b) => b.type === 'moof')) {
    for (const traf of boxes(view, moof.body, moof.end).filter((b) => b.type === 'traf')) {
      const tfhd = child(view, traf, 'tfhd');
      const tfdt = child(view, traf, 'tfdt');
      if (!tfhd || !tfdt) continue;
      const id = view.getUint32(tfhd.body + 4);
      const tfhdFlags = view.getUint32(tfhd.body) & 0xffffff;
      let at = tfhd.body + 8;
      if (tfhdFlags & 0x01) at += 8;
      if (tfhdFlags & 0x02) at += 4;
      let defaultDuration = tracks.find((t) => t.id === id)?.defaultDuration || 0;
      if (tfhdFlags & 0x08) defaultDuration = view.getUint32(at);
      let time = view.getUint8(tfdt.body) === 1 ? Number(view.getBigUint64(tfdt.body + 4)) : view.getUint32(tfdt.body + 4);
      for (const trun of boxes(view, traf.body, traf.end).filter((b) => b.type === 'trun')) {
        const flags = view.getUint32(trun.body) & 0xffffff;
        const count = view.getUint32(trun.body + 4);
        let p = trun.body + 8 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0);
        const per = ((flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0) + (flags & 0x800 ? 4 : 0));
        for (let i = 0; i < count; i++, p += per) time += flags & 0x100 ? view.getUint32(p) : defaultDuration;
      }
      ends.set(id, Math.max(ends.get(id) || 0, time));
    }
  }
  return ends;
}

function box(type, ...parts) {
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function words(...values) {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v));
  return out;
}

/**
 * A media segment of silent AAC frames for `track` from `fromTime` (track timescale) until
 * at least `untilTime`, or null when there is no hole or the audio is not AAC-LC in 1 or 2
 * channels.
 */
export function silence(track, fromTime, untilTime, sequence = 1) {
  const frame = SILENT[track.channels];
  if (!frame || track.codec !== 'mp4a' || untilTime <= fromTime) return null;
  const count = Math.ceil((untilTime - fromTime) / 1024);
  const samples = [];
  for (let i = 0; i < count; i++) samples.push(1024, frame.length);
  const tfdt = new Uint8Array(12);
  const tv = new DataView(tfdt.buffer);
  tv.setUint32(0, 0x01000000); // version 1
  tv.setBigUint64(4, BigInt(fromTime));
  const build = (dataOffset) => box('moof',
    box('mfhd', words(0, sequence)),
    box('traf',
      box('tfhd', words(0x020000, track.id)), // default-base-is-moof
      box('tfdt', tfdt),
      box('trun', words(0x000301, count, dataOffset, ...samples))));
  const moofSize = build(0).length;
  const moof = build(moofSize + 8);
  const mdat = box('mdat', new Uint8Array(count * frame.length).map((_, i) => frame[i % frame.length]));
  const out = new Uint8Array(moof.length + mdat.length);
  out.set(moof);
  out.set(mdat, moof.length);
  return out;
}

/**
 * The silent filler for the last segment of a visit: from where its audio ends to where its
 * video ends (both in the segment's own time), or null when the audio reaches that far.
 */
export function fillerFor(segment, tracks) {
  const audio = tracks.find((t) => t.kind === 'audio');
  const video = tracks.find((t) => t.kind === 'video');
  if (!audio || !video) return null;
  const ends = trackEnds(segment, tracks);
  const audioEnd = ends.get(audio.id);
  const videoEnd = ends.get(video.id);
  if (audioEnd === undefined || videoEnd === undefined) return null;
  const until = Math.ceil((videoEnd / video.timescale) * audio.timescale);
  return silence(audio, audioEnd, until);
}
