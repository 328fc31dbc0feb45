// Every version of every HLS playlist a session served, and what changed between them that
// RFC 8216 forbids. A live media playlist may only grow (section 6.2.1: the server MUST NOT
// change a listed segment's URI, duration or order, MUST NOT remove segments from an EVENT
// playlist, MUST NOT change EXT-X-TARGETDURATION, and changes nothing once EXT-X-ENDLIST is
// there); a multivariant playlist's renditions and variants must stay what players loaded.
//
// Versions are compared pairwise, so the checker does not depend on the order in which
// concurrent answers came back (a player's request and a poller's overlap): two versions
// conflict when they list different things at the same place. Where one version must have
// been made after another (its request was sent after the other's answer came back), it
// must also still hold everything the earlier one listed.

/** One parsed media playlist. Segment i has media sequence number `mediaSequence + i`. */
export function parseMediaPlaylist(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const p = { kind: 'media', targetDuration: null, mediaSequence: 0, discontinuitySequence: 0, playlistType: null, endList: false, segments: [] };
  let map = null;
  let pending = {};
  for (const line of lines) {
    if (line.startsWith('#EXT-X-TARGETDURATION:')) p.targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) p.mediaSequence = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE:')) p.discontinuitySequence = Number(line.slice(30));
    else if (line.startsWith('#EXT-X-PLAYLIST-TYPE:')) p.playlistType = line.slice(21);
    else if (line === '#EXT-X-ENDLIST') p.endList = true;
    else if (line.startsWith('#EXT-X-MAP:')) map = line.slice(11);
    else if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (line.startsWith('#EXTINF:')) pending.duration = line.slice(8).split(',')[0];
    else if (!line.startsWith('#')) {
      p.segments.push({ uri: line, duration: pending.duration ?? null, map, discontinuity: !!pending.discontinuity });
      pending = {};
    }
  }
  return p;
}

/** A multivariant playlist's entries, each by what identifies it, with all its attributes. */
export function parseMultivariantPlaylist(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const entries = new Map();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('#EXT-X-MEDIA:')) {
      const a = attributes(line.slice(13));
      entries.set(`rendition ${a.TYPE}/${a['GROUP-ID']}/${a.NAME}`, line);
    } else if (line.startsWith('#EXT-X-STREAM-INF:')) {
      const uri = lines[i + 1];
      entries.set(`variant ${uri}`, `${line}\n${uri}`);
      i++;
    }
  }
  return { kind: 'multivariant', entries };
}

function attributes(list) {
  const out = {};
  for (const m of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[m[1]] = m[2].replace(/^"|"$/g, '');
  return out;
}

export function parsePlaylist(text) {
  return /#EXT-X-STREAM-INF:/.test(text) ? parseMultivariantPlaylist(text) : parseMediaPlaylist(text);
}

const fmt = (ms, t0) => `${((ms - t0) / 1000).toFixed(2)} s`;

/**
 * Records playlist versions and reports every forbidden change between them. `record` takes
 * the playlist's name (its path: versions of one name are compared), its text, when its
 * request was sent and when its answer came (epoch ms), and who fetched it.
 */
export class PlaylistHistory {
  constructor(t0 = Date.now()) {
    this.t0 = t0;
    /** name → Map(text → {parsed, firstSent, lastSent, firstReceived, sources:Set, count}) */
    this.playlists = new Map();
    this.found = new Map(); // message → true, kept in the order found
  }

  record(name, text, { sent, received, source }) {
    if (!this.playlists.has(name)) this.playlists.set(name, new Map());
    const versions = this.playlists.get(name);
    let v = versions.get(text);
    if (v) {
      v.lastSent = Math.max(v.lastSent, sent);
      v.firstReceived = Math.min(v.firstReceived, received);
      v.sources.add(source);
      v.count++;
    } else {
      v = { text, parsed: parsePlaylist(text), firstSent: sent, lastSent: sent, firstReceived: received, sources: new Set([source]), count: 1, n: versions.size + 1 };
      this.checkAlone(name, v);
      versions.set(text, v);
    }
    for (const other of versions.values()) if (other !== v) this.compare(name, other, v);
  }

  /** Everything found so far, one message per problem. */
  violations() {
    return [...this.found.values()];
  }

  /** How many distinct versions of each playlist were seen, and how many answers in all. */
  summary() {
    return [...this.playlists].map(([name, versions]) => `${name}: ${versions.size} versions in ${[...versions.values()].reduce((n, v) => n + v.count, 0)} answers`).join('; ');
  }

  /** Every distinct version of every playlist, as text, for reading after a failure. */
  dump() {
    return [...this.playlists].flatMap(([name, versions]) => [...versions.values()].map((v) =>
      `=== ${this.label(name, v)}, asked ${v.count} time(s), last at ${fmt(v.lastSent, this.t0)}\n${v.text}`)).join('\n');
  }

  /** Keeps the first message of each kind of problem (`key`): one change is seen by many pairs. */
  report(key, message = key) {
    if (!this.found.has(key)) this.found.set(key, message);
  }

  label(name, v) {
    return `${name} version ${v.n} (first answered at ${fmt(v.firstReceived, this.t0)}, to ${[...v.sources].join(' and ')})`;
  }

  checkAlone(name, v) {
    const p = v.parsed;
    if (p.kind !== 'media') return;
    p.segments.forEach((s, i) => {
      if (p.targetDuration != null && s.duration != null && Math.round(Number(s.duration)) > p.targetDuration) {
        this.report(`${name} long ${s.uri}`, `${this.label(name, v)}: segment #${p.mediaSequence + i} (${s.uri}) lasts ${s.duration} s, more than EXT-X-TARGETDURATION:${p.targetDuration} (RFC 8216 4.3.3.1)`);
      }
    });
  }

  /** Two versions of one playlist: whatever both list must be the same; a later one keeps all. */
  compare(name, a, b) {
    // `later` was certainly made after `earlier` when it was asked for after the other's answer.
    const ordered = b.lastSent > a.firstReceived ? [a, b] : a.lastSent > b.firstReceived ? [b, a] : null;
    const [x, y] = ordered ?? [a, b];
    const where = `${this.label(name, x)} and ${this.label(name, y)}`;
    if (x.parsed.kind !== y.parsed.kind) {
      this.report(`${name} kind`, `${where}: one is a ${x.parsed.kind} playlist, the other a ${y.parsed.kind} playlist`);
      return;
    }
    if (x.parsed.kind === 'multivariant') return this.compareMultivariant(name, x, y, ordered, where);
    const p = x.parsed;
    const q = y.parsed;
    if (p.targetDuration !== q.targetDuration) this.report(`${name} target ${[p.targetDuration, q.targetDuration].sort()}`, `${name}: EXT-X-TARGETDURATION changed from ${p.targetDuration} to ${q.targetDuration} (${where}); RFC 8216 6.2.1 forbids it`);
    if (p.playlistType !== q.playlistType) this.report(`${name} type`, `${name}: EXT-X-PLAYLIST-TYPE changed from ${p.playlistType} to ${q.playlistType} (${where})`);
    if (p.discontinuitySequence !== q.discontinuitySequence) this.report(`${name} dseq`, `${name}: EXT-X-DISCONTINUITY-SEQUENCE changed from ${p.discontinuitySequence} to ${q.discontinuitySequence} (${where})`);
    if (p.mediaSequence !== q.mediaSequence) {
      const removal = p.playlistType === 'EVENT' || q.playlistType === 'EVENT' ? '; an EVENT playlist never removes segments' : '';
      this.report(`${name} mseq`, `${name}: EXT-X-MEDIA-SEQUENCE changed from ${p.mediaSequence} to ${q.mediaSequence} (${where})${removal}`);
    }
    const at = (pl, seq) => pl.segments[seq - pl.mediaSequence];
    const from = Math.max(p.mediaSequence, q.mediaSequence);
    const to = Math.min(p.mediaSequence + p.segments.length, q.mediaSequence + q.segments.length);
    for (let seq = from; seq < to; seq++) {
      const s = at(p, seq);
      const t = at(q, seq);
      const diffs = [];
      if (s.uri !== t.uri) diffs.push(`URI ${s.uri} → ${t.uri}`);
      if (s.duration !== t.duration) diffs.push(`EXTINF ${s.duration} → ${t.duration}`);
      if (s.map !== t.map) diffs.push(`EXT-X-MAP ${s.map} → ${t.map}`);
      if (s.discontinuity !== t.discontinuity) diffs.push(`EXT-X-DISCONTINUITY ${s.discontinuity} → ${t.discontinuity}`);
      if (diffs.length) {
        this.report(`${name} segment ${seq} ${s.uri} ${t.uri}`, `${name}: segment #${seq} changed once listed: ${diffs.join(', ')} (${where})`);
        break; // the first difference says it; the rest of the list usually shifts with it
      }
    }
    if (!ordered) return;
    const gone = p.mediaSequence + p.segments.length - (q.mediaSequence + q.segments.length);
    if (gone > 0 && p.playlistType === 'EVENT') {
      const last = p.segments[p.segments.length - 1];
      this.report(`${name} gone ${p.mediaSequence + p.segments.length - 1} ${last.uri}`, `${name}: ${gone} listed segment(s) disappeared, the last of them #${p.mediaSequence + p.segments.length - 1} (${last.uri}) (${where}); an EVENT playlist only grows`);
    }
    if (p.endList && x.text !== y.text) this.report(`${name} endlist`, `${name}: changed after EXT-X-ENDLIST (${where})`);
  }

  compareMultivariant(name, x, y, ordered, where) {
    for (const [id, line] of x.parsed.entries) {
      const other = y.parsed.entries.get(id);
      if (other !== undefined && other !== line) this.report(`${name} ${id} changed`, `${name}: the ${id} changed once listed: "${line}" → "${other}" (${where}); a player that loaded the first keeps it`);
      else if (other === undefined && ordered) this.report(`${name} ${id} gone`, `${name}: the ${id} disappeared (${where})`);
    }
  }
}
