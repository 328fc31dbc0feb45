/**
 * The choice window as the viewer sees it, from the VIEW and the playhead. DOM-free.
 * A window is [opens, closes] on the media clock.
 */

/** What the overlay shows now: {open, remainingMs, fraction (1 → 0), seconds (shown, rounded up)}. */
export function windowState(window, playheadMs) {
  if (!window) return { open: false, remainingMs: 0, fraction: 0, seconds: 0 };
  const length = Math.max(1, window.closes - window.opens);
  const open = playheadMs >= window.opens && playheadMs < window.closes;
  const remainingMs = Math.max(0, Math.min(length, window.closes - playheadMs));
  return { open, remainingMs, fraction: remainingMs / length, seconds: Math.ceil(remainingMs / 1000) };
}

/** Says the remaining time in words for screen readers and the visible counter. */
export function countdownText(seconds) {
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
