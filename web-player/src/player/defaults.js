/**
 * The player's tunable numbers, in one flat object. A page may override any of them with
 * `player.config = {...}` before the element connects; every module reads them from here.
 */
export const defaults = Object.freeze({
  // How far ahead of the playhead media is appended (ms). More rides out slow renders,
  // less keeps memory small on phones.
  maxBufferAheadMs: 20000,
  // Media further behind the playhead than this is removed from the SourceBuffer (ms).
  maxBufferBehindMs: 30000,
  // Removal behind the playhead waits until this much more has piled up, so it runs
  // rarely instead of after every segment (ms).
  evictSlackMs: 10000,
  // How many first segments of each shown option's next visit are fetched while a choice
  // is open, so the picked branch starts from memory.
  prefetchSegments: 2,
  // Options are prefetched from this long before the choice window opens (ms).
  prefetchLeadMs: 6000,
  // How often the playhead is reported to the engine (ms); pause and play report at once.
  positionIntervalMs: 1000,
  // How often the session is re-read when no server-sent event arrives (ms).
  pollIntervalMs: 2000,
  // Server-sent events are collapsed into one re-read within this time (ms).
  refreshDebounceMs: 60,
  // How often the buffer plan is reconsidered while playing (ms).
  tickMs: 200,
  // A failed segment fetch is retried this many times before it is reported.
  segmentRetries: 4,
  // Wait between segment retries (ms); it doubles each time.
  retryDelayMs: 300,
  // How long the taken option stays on screen after a pick (ms).
  pickedShownMs: 1500,
});

/** The defaults with a page's overrides on top; unknown keys are ignored. */
export function configure(overrides = {}) {
  const out = { ...defaults };
  for (const k of Object.keys(overrides)) {
    if (k in defaults && typeof overrides[k] === typeof defaults[k]) out[k] = overrides[k];
  }
  return out;
}
