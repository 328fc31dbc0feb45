// A story's length as the list shows it, from durationMs {min, max} (max absent when a loop
// makes a viewing unbounded, min absent when no path ends). DOM-free.

function minutes(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} min`;
}

export function storyLength(d) {
  if (!d) return '';
  if (typeof d.min !== 'number') return 'endless'; // no path reaches an ending

  if (d.max === undefined || d.max === null) return `${minutes(d.min)} or more`;
  if (d.max === d.min) return minutes(d.min);
  return `${minutes(d.min)} – ${minutes(d.max)}`;
}
