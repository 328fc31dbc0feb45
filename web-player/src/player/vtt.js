/**
 * WebVTT as the engine writes it for a visit (cue times relative to the visit's start),
 * parsed and moved onto the session's media clock. DOM-free.
 */

const TIME = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/;

/** "00:01.500" or "01:02:03.004" in ms; NaN when malformed. */
export function parseTimestamp(text) {
  const m = TIME.exec(text.trim());
  if (!m) return NaN;
  return ((Number(m[1] || 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** The cues of a WebVTT file: [{startMs, endMs, text}]. Notes, styles and regions are skipped. */
export function parseVtt(source) {
  const blocks = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test((blocks[0] || '').split('\n')[0])) return [];
  const cues = [];
  for (const block of blocks.slice(1)) {
    const lines = block.split('\n').filter((l, i) => i > 0 || l.trim() !== '');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0 || /^(NOTE|STYLE|REGION)\b/.test(lines[0])) continue;
    const [from, rest] = lines[timing].split('-->');
    const startMs = parseTimestamp(from);
    const endMs = parseTimestamp(rest.trim().split(/\s+/)[0]);
    if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) continue;
    cues.push({ startMs, endMs, text: lines.slice(timing + 1).join('\n').replace(/\n+$/, '') });
  }
  return cues;
}

/**
 * A visit's cues on the session's media clock: shifted by the visit's start and clipped to
 * its end (a `cut` or `back` ends a visit early). Cues starting at or after the end go.
 */
export function placeCues(cues, visitStartMs, visitEndMs = Infinity) {
  const out = [];
  for (const c of cues) {
    const startMs = c.startMs + visitStartMs;
    if (startMs >= visitEndMs) continue;
    out.push({ startMs, endMs: Math.min(c.endMs + visitStartMs, visitEndMs), text: c.text });
  }
  return out;
}
