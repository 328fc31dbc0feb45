// The studio's story map layout: a layered drawing (dagre: scenes in ranks, edges back reversed,
// crossings minimised by its ordering passes) in which each edge label is a box of its own, so
// labels never sit on a scene or on each other. Labels are shortened (the full text is kept for
// a tooltip). The direction, left to right or top to bottom, is the one that lets the whole map
// show largest in the viewport it is drawn for. Pure functions, no DOM: Node's test runner
// checks them.
import dagre from '@dagrejs/dagre';

/** Sizes of the map, in SVG user units. */
export const LAYOUT = Object.freeze({
  nodeWidth: 168,
  nodeHeight: 52,
  /** Space between scenes of one rank, and between ranks. */
  nodeGap: 22,
  rankGap: 46,
  margin: 24,
  /** Edge labels: their font size, an upper bound of a character's width at that size, the longest label shown whole. */
  labelFont: 11,
  labelCharWidth: 6.6,
  labelMaxChars: 22,
  labelLineHeight: 14,
  labelPadding: 4,
  /** The largest zoom fit-to-screen uses: a small story is not blown up. */
  maxFitZoom: 1,
});

/** {@code text} cut to at most {@code max} characters, with an ellipsis when cut. */
export function shorten(text, max = LAYOUT.labelMaxChars) {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The width a line of label text takes at most. */
export function textWidth(text) {
  return [...text].length * LAYOUT.labelCharWidth;
}

/**
 * Edges between the same two scenes as one (a choice whose options all lead to one scene), with
 * their labels joined and their picks, timer defaults and shares added up.
 */
export function mergeEdges(edges) {
  const merged = new Map();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...e, labels: e.label ? [e.label] : [] });
      continue;
    }
    if (e.label) known.labels.push(e.label);
    for (const k of ['picks', 'timerDefaults', 'share', 'pickShare']) {
      if (typeof e[k] === 'number') known[k] = (known[k] ?? 0) + e[k];
    }
    if (e.via === 'option') known.via = 'option';
  }
  return [...merged.values()].map(({ labels, ...e }) => ({ ...e, label: labels.length ? labels.join(' / ') : undefined }));
}

/** "37%": the share of viewers who went this way (picked or let the timer take it), or "" before anyone has. */
export function shareText(edge) {
  return typeof edge.share === 'number' ? `${Math.round(edge.share * 100)}%` : '';
}

/** "5 picked · 3 by timer" (both counted apart), or "" for an exit that is no option. */
export function countsText(edge) {
  if (typeof edge.picks !== 'number') return '';
  const timer = edge.timerDefaults ?? 0;
  return timer ? `${edge.picks} picked · ${timer} by timer` : `${edge.picks} picked`;
}

/** The label of a merged edge as drawn: its lines (shortened) and the whole text for a tooltip. */
export function edgeLabel(edge) {
  if (!edge.label) return null;
  const share = shareText(edge);
  const lines = [shorten(edge.label)];
  if (share) lines.push(`${share} · ${countsText(edge)}`);
  const full = `${edge.label}${share ? ` (${share} of viewers: ${countsText(edge)})` : ''}`;
  const width = Math.ceil(Math.max(...lines.map(textWidth))) + 2 * LAYOUT.labelPadding;
  const height = lines.length * LAYOUT.labelLineHeight + 2 * LAYOUT.labelPadding;
  return { lines, full, width, height };
}

function place(ids, merged, rankdir) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep: LAYOUT.nodeGap, ranksep: LAYOUT.rankGap, edgesep: 10, marginx: LAYOUT.margin, marginy: LAYOUT.margin,
    ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: LAYOUT.nodeWidth, height: LAYOUT.nodeHeight });
  merged.forEach((e, i) => {
    const label = edgeLabel(e);
    g.setEdge(e.from, e.to, label ? { width: label.width, height: label.height, labelpos: 'c' } : { width: 0, height: 0 }, `e${i}`);
  });
  dagre.layout(g);
  const nodes = new Map();
  for (const id of ids) {
    const n = g.node(id);
    nodes.set(id, { id, x: n.x - LAYOUT.nodeWidth / 2, y: n.y - LAYOUT.nodeHeight / 2, width: LAYOUT.nodeWidth, height: LAYOUT.nodeHeight });
  }
  const edges = merged.map((e, i) => {
    const placed = g.edge({ v: e.from, w: e.to, name: `e${i}` });
    const label = edgeLabel(e);
    return {
      ...e,
      points: placed.points.map((p) => ({ x: p.x, y: p.y })),
      labelBox: label ? { ...label, x: placed.x - label.width / 2, y: placed.y - label.height / 2 } : null,
    };
  });
  const { width, height } = g.graph();
  return { nodes, edges, width, height, rankdir };
}

/**
 * Places the scenes and the edges between them.
 * @param {string[]} scenes scene ids, in source order
 * @param {{from: string, to: string, via?: string, label?: string}[]} edges exits between scenes; those to END get an END node
 * @param {string} start the start scene (kept first in its rank)
 * @param {{width: number, height: number}} [viewport] the map's pane: the direction that shows the map largest in it wins
 * @returns {{nodes: Map<string, {id, x, y, width, height}>, edges: object[], width: number, height: number, rankdir: string}}
 *   nodes with their top-left corners; each edge with its points and, when labelled, its label box
 */
export function layout(scenes, edges, start, viewport = { width: 1280, height: 800 }) {
  const known = new Set(scenes);
  const ending = edges.some((e) => e.to === 'END' && known.has(e.from));
  const ids = [start, ...scenes.filter((s) => s !== start && known.has(s)), ...(ending ? ['END'] : [])].filter((s) => known.has(s) || s === 'END');
  const merged = mergeEdges(edges.filter((e) => known.has(e.from) && (known.has(e.to) || e.to === 'END')));
  const options = ['LR', 'TB'].map((dir) => place(ids, merged, dir));
  const zoom = (l) => fitZoom(l, viewport);
  return zoom(options[1]) > zoom(options[0]) * 1.1 ? options[1] : options[0];
}

/** The zoom at which the whole map fits {@code viewport} (never more than LAYOUT.maxFitZoom). */
export function fitZoom(placed, viewport) {
  return Math.min(LAYOUT.maxFitZoom, viewport.width / placed.width, viewport.height / placed.height);
}

/** The SVG path of a placed edge: a smooth curve through dagre's points. */
export function edgePath(edge) {
  const p = edge.points;
  if (p.length < 2) return '';
  let d = `M${p[0].x.toFixed(1)},${p[0].y.toFixed(1)}`;
  if (p.length === 2) return `${d} L${p[1].x.toFixed(1)},${p[1].y.toFixed(1)}`;
  // Quadratic pieces between the midpoints, with each inner point as the control point.
  for (let i = 1; i < p.length - 1; i++) {
    const mid = i === p.length - 2 ? p[i + 1] : { x: (p[i].x + p[i + 1].x) / 2, y: (p[i].y + p[i + 1].y) / 2 };
    d += ` Q${p[i].x.toFixed(1)},${p[i].y.toFixed(1)} ${mid.x.toFixed(1)},${mid.y.toFixed(1)}`;
  }
  return d;
}

/** Every box the map draws (scenes and labels), for checking that none overlaps another. */
export function boxes(placed) {
  const out = [...placed.nodes.values()].map((n) => ({ kind: 'scene', id: n.id, x: n.x, y: n.y, width: n.width, height: n.height }));
  for (const e of placed.edges) {
    if (e.labelBox) out.push({ kind: 'label', id: `${e.from}→${e.to}`, ...e.labelBox });
  }
  return out;
}

/** Pairs of boxes that overlap (touching edges do not count). */
export function overlaps(list) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) out.push([a, b]);
    }
  }
  return out;
}
