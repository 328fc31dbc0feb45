/**
 * Plans what goes into the one SourceBuffer, from the session's VIEW and what was already
 * appended (the ledger). DOM-free, so it is tested under Node.
 *
 * An entry is one stored segment placed on the session's media clock:
 *   {key, index, at, start, end, speculative, last}
 * `start` is the visit's start (the SourceBuffer's timestampOffset, since stored segments'
 * times start at 0), `end` its end (the append window's end; Infinity while unknown), `at`
 * the segment's estimated start, `last` whether it is the visit's last segment. All times
 * are ms.
 */

/** The segment file of a visit, as the engine serves it. */
export function segmentPath(key, index) {
  return `/segments/${key}/seg-${String(index).padStart(5, '0')}.m4s`;
}

/** The content key of a visit's stored file (`/segments/KEY/…`), or null for another path. */
export function segmentKey(path) {
  const m = /^\/segments\/([^/]+)\/seg-\d+\.m4s$/.exec(path);
  return m ? m[1] : null;
}

/**
 * Every entry the VIEW asks for, in media order: the stored segments of each visit of the
 * history, then, while a choice is open on the last visit, the first stored segments of its
 * DEFAULT option's next visit right after it (so a timer that runs out plays on with no gap).
 * Stops at the first segment not stored yet: media after a hole cannot play anyway.
 */
export function desiredEntries(view) {
  const segMs = view.media?.segmentMs || 2000;
  const out = [];
  const history = view.history || [];
  for (const visit of history) {
    if (!visit.segments) continue;
    if (!visit.key) return out;
    const stored = Math.min(visit.ready ?? 0, visit.segments);
    for (let i = 0; i < stored; i++) {
      out.push({ key: visit.key, index: i, at: visit.start + i * segMs, start: visit.start, end: visit.end, speculative: false, last: i === visit.segments - 1 });
    }
    if (stored < visit.segments) return out;
  }
  const last = history[history.length - 1];
  const next = defaultNext(view);
  if (last && next && next.key && !view.ended) {
    const stored = Math.min(next.ready ?? 0, next.segments ?? 0);
    for (let i = 0; i < stored; i++) {
      out.push({ key: next.key, index: i, at: last.end + i * segMs, start: last.end, end: Infinity, speculative: true, last: i === next.segments - 1 });
    }
  }
  return out;
}

/** The next visit of the option the engine takes when nobody picks, if it is known. */
export function defaultNext(view) {
  const options = view.choice?.options;
  if (!options || options.length === 0) return null;
  const chosen = options.find((o) => o.default) || options[0];
  return chosen.next || null;
}

function same(a, b) {
  return a.key === b.key && a.index === b.index && a.at === b.at && a.start === b.start;
}

/**
 * What to do next to the SourceBuffer. Returns {ops, ledger}: the operations in order
 * ({op: 'remove', from, to} and {op: 'append', entry}) and the ledger as it will be once
 * they are done. Removes everything from the first point where what was appended and what
 * the VIEW asks for differ (a pick other than the default, a `cut`, `back`), appends what is
 * missing up to `maxBufferAheadMs` past the playhead, and drops media further than
 * `maxBufferBehindMs` behind it.
 *
 * @param view the session's VIEW
 * @param ledger entries appended so far, in media order
 * @param state {playheadMs, bufferedFromMs}: the playhead and the start of the buffered media
 * @param config the player's configuration (defaults.js)
 */
export function planBuffer(view, ledger, state, config) {
  const desired = desiredEntries(view);
  const ops = [];
  // The longest run where what is appended is what the VIEW asks for.
  let k = 0;
  let removeFrom = Infinity;
  while (k < ledger.length && k < desired.length && same(ledger[k], desired[k])) {
    // A visit cut short (`cut`, `back`): its media past the new end has to go. (A default
    // appended ahead had no end yet; taking it on is not a cut.)
    if (desired[k].end < ledger[k].end && ledger[k].end !== Infinity) removeFrom = Math.min(removeFrom, desired[k].end);
    k++;
  }
  if (k < ledger.length) {
    removeFrom = Math.min(removeFrom, desired[k] ? Math.min(ledger[k].at, desired[k].at) : ledger[k].at);
  }
  const kept = desired.slice(0, k).filter((e) => e.at < removeFrom);
  if (removeFrom !== Infinity) ops.push({ op: 'remove', from: removeFrom, to: Infinity });
  const horizon = state.playheadMs + config.maxBufferAheadMs;
  for (let i = kept.length; i < desired.length; i++) {
    if (desired[i].at >= horizon) break;
    ops.push({ op: 'append', entry: desired[i] });
    kept.push(desired[i]);
  }
  const evictBefore = state.playheadMs - config.maxBufferBehindMs;
  if (state.bufferedFromMs !== undefined && state.bufferedFromMs < evictBefore - config.evictSlackMs) {
    ops.unshift({ op: 'remove', from: 0, to: evictBefore });
  }
  return { ops, ledger: kept };
}

/**
 * The segments worth fetching ahead while a choice is near or open: the first
 * `prefetchSegments` stored segments of every shown option's next visit.
 */
export function prefetchPaths(view, playheadMs, config) {
  const choice = view.choice;
  if (!choice || view.ended || playheadMs < choice.opens - config.prefetchLeadMs) return [];
  const out = [];
  for (const option of choice.options || []) {
    const next = option.next;
    if (!next || !next.key) continue;
    const n = Math.min(config.prefetchSegments, next.ready ?? 0, next.segments ?? 0);
    for (let i = 0; i < n; i++) out.push(segmentPath(next.key, i));
  }
  return out;
}

/** Whether every segment the story will ever have is appended: time for endOfStream(). */
export function allAppended(view, ledger) {
  if (!view.ended) return false;
  const desired = desiredEntries(view);
  const total = (view.history || []).reduce((n, v) => n + (v.segments || 0), 0);
  return desired.length === total && ledger.length === total && desired.every((d, i) => same(d, ledger[i]));
}

/** The visit of the history the playhead is in (the last one that started at or before it). */
export function visitAt(view, playheadMs) {
  const history = view.history || [];
  let found = -1;
  for (let i = 0; i < history.length; i++) {
    if (history[i].start <= playheadMs) found = i;
  }
  return found;
}
