// The studio's story map layout: scenes in columns by how many steps they are from the start
// (breadth-first), ordered within a column to keep edges short, with scenes no path reaches in
// a last column. Pure functions, no DOM, so Node's test runner can check them.

/** Sizes of the map, in SVG user units. */
export const LAYOUT = Object.freeze({
  nodeWidth: 168,
  nodeHeight: 52,
  columnGap: 150,
  rowGap: 28,
  margin: 24,
});

/**
 * Places the scenes.
 * @param {string[]} scenes scene ids, in source order
 * @param {{from: string, to: string}[]} edges exits between scenes (targets such as END are ignored)
 * @param {string} start the start scene
 * @returns {{nodes: Map<string, {id: string, column: number, row: number, x: number, y: number}>, width: number, height: number}}
 */
export function layout(scenes, edges, start) {
  const known = new Set(scenes);
  const next = new Map(scenes.map((s) => [s, []]));
  for (const e of edges) {
    if (known.has(e.from) && known.has(e.to)) next.get(e.from).push(e.to);
  }
  const column = new Map();
  if (known.has(start)) {
    column.set(start, 0);
    const queue = [start];
    while (queue.length) {
      const at = queue.shift();
      for (const to of next.get(at)) {
        if (!column.has(to)) {
          column.set(to, column.get(at) + 1);
          queue.push(to);
        }
      }
    }
  }
  const reached = Math.max(-1, ...column.values());
  for (const s of scenes) if (!column.has(s)) column.set(s, reached + 1);

  const columns = [];
  for (const s of scenes) (columns[column.get(s)] ??= []).push(s);
  // Order each column by the mean row of the scenes that lead into it (a barycentre pass).
  const row = new Map();
  columns.forEach((ids, c) => {
    if (c > 0) {
      const weight = (id) => {
        const from = edges.filter((e) => e.to === id && row.has(e.from) && column.get(e.from) < c).map((e) => row.get(e.from));
        return from.length ? from.reduce((a, b) => a + b, 0) / from.length : Number.MAX_SAFE_INTEGER;
      };
      const order = new Map(ids.map((id, i) => [id, [weight(id), i]]));
      ids.sort((a, b) => order.get(a)[0] - order.get(b)[0] || order.get(a)[1] - order.get(b)[1]);
    }
    ids.forEach((id, i) => row.set(id, i));
  });

  const tallest = Math.max(1, ...columns.map((ids) => ids.length));
  const height = 2 * LAYOUT.margin + tallest * LAYOUT.nodeHeight + (tallest - 1) * LAYOUT.rowGap;
  const nodes = new Map();
  columns.forEach((ids, c) => {
    const columnHeight = ids.length * LAYOUT.nodeHeight + (ids.length - 1) * LAYOUT.rowGap;
    const top = (height - columnHeight) / 2;
    ids.forEach((id, i) => {
      nodes.set(id, {
        id,
        column: c,
        row: i,
        x: LAYOUT.margin + c * (LAYOUT.nodeWidth + LAYOUT.columnGap),
        y: top + i * (LAYOUT.nodeHeight + LAYOUT.rowGap),
      });
    });
  });
  const width = 2 * LAYOUT.margin + columns.length * LAYOUT.nodeWidth + Math.max(0, columns.length - 1) * LAYOUT.columnGap;
  return { nodes, width, height };
}

/**
 * The SVG path of an edge between two placed nodes: a forward edge runs from the right side of
 * one to the left side of the other; an edge back (or within a column) loops below.
 */
export function edgePath(a, b) {
  const w = LAYOUT.nodeWidth;
  const h = LAYOUT.nodeHeight;
  if (b.column > a.column) {
    const x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x, y2 = b.y + h / 2;
    const bend = (x2 - x1) / 2;
    return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  }
  const x1 = a.x + w / 2, y1 = a.y + h, x2 = b.x + w / 2, y2 = b.y + h;
  const drop = 36 + 12 * Math.abs(a.column - b.column);
  return `M${x1},${y1} C${x1},${y1 + drop} ${x2},${y2 + drop} ${x2},${y2}`;
}

/**
 * Where an edge's label goes: just before the arrow of a forward edge (so the labels of a
 * fan-out stand apart, one beside each target), below the loop of an edge back.
 * @returns {{x: number, y: number, anchor: 'end' | 'middle'}}
 */
export function labelPoint(a, b) {
  if (b.column > a.column) {
    return { x: b.x - 10, y: b.y + LAYOUT.nodeHeight / 2 - 6, anchor: 'end' };
  }
  return { x: (a.x + b.x + LAYOUT.nodeWidth) / 2, y: Math.max(a.y, b.y) + LAYOUT.nodeHeight + 30, anchor: 'middle' };
}

/**
 * Edges between the same two scenes as one (a choice whose options all lead to one scene), with
 * their labels joined and their picks and shares added up.
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
    if (e.picks !== undefined) known.picks = (known.picks ?? 0) + e.picks;
    if (typeof e.share === 'number') known.share = (known.share ?? 0) + e.share;
    if (e.via === 'option') known.via = 'option';
  }
  return [...merged.values()].map(({ labels, ...e }) => ({ ...e, label: labels.length ? labels.join(' / ') : undefined }));
}

/** "37%" for a share of viewers, or "" when nobody has picked yet. */
export function shareText(edge) {
  return typeof edge.share === 'number' ? `${Math.round(edge.share * 100)}%` : '';
}
