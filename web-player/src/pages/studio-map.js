// The studio's story map on screen: the layout of studio-layout.js drawn as SVG, with zoom
// (wheel, buttons, keys), pan (drag) and fit-to-screen. The layout is worked out again only when
// the map's shape changes (scenes, exits, labels), not when render status or picks change.
import { layout, edgePath, fitZoom, LAYOUT } from './studio-layout.js';

const SVG = 'http://www.w3.org/2000/svg';
const ZOOM_MIN = 0.05;
const ZOOM_MAX = 3;

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The map in {@code container}.
 * @param {HTMLElement} container
 * @param {{onPick: (scene: string) => void}} o
 */
export function createMap(container, { onPick }) {
  const svg = el('svg', { class: 'map-svg', role: 'img', 'aria-label': 'Story map' });
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8aa4c8' }));
  defs.append(marker);
  const world = el('g', { class: 'world' });
  svg.append(defs, world);
  container.replaceChildren(svg);
  let placed = null;
  let shape = null;
  let k = 1, tx = 0, ty = 0;
  let fitted = false;
  let last = null;
  let laidFor = null;

  const apply = () => {
    world.setAttribute('transform', `translate(${tx.toFixed(1)},${ty.toFixed(1)}) scale(${k.toFixed(4)})`);
    container.dataset.zoom = k.toFixed(3);
  };
  const size = () => ({ width: container.clientWidth, height: container.clientHeight });

  function fit() {
    if (!placed) return;
    const box = size();
    const pad = 8;
    k = fitZoom(placed, { width: box.width - 2 * pad, height: box.height - 2 * pad });
    tx = (box.width - placed.width * k) / 2;
    ty = (box.height - placed.height * k) / 2;
    apply();
  }

  function zoomAt(factor, cx = size().width / 2, cy = size().height / 2) {
    const next = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, k * factor));
    tx = cx - ((cx - tx) * next) / k;
    ty = cy - ((cy - ty) * next) / k;
    k = next;
    apply();
  }

  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.target.closest('.node')) return;
    drag = { x: e.clientX, y: e.clientY, tx, ty };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add('panning');
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    tx = drag.tx + e.clientX - drag.x;
    ty = drag.ty + e.clientY - drag.y;
    apply();
  });
  const stop = () => { drag = null; svg.classList.remove('panning'); };
  svg.addEventListener('pointerup', stop);
  svg.addEventListener('pointercancel', stop);

  /**
   * Draws the studio's view of the story.
   * @param {object} view the answer of GET /api/stories/{id}/studio
   * @param {string|null} selected the scene picked
   */
  function draw(view, selected) {
    last = [view, selected];
    const ids = view.scenes.map((s) => s.id);
    const key = JSON.stringify([view.start, ids, view.edges.map((e) => [e.from, e.to, e.label ?? '', e.share ?? null, e.picks ?? null, e.timerDefaults ?? null])]);
    if (key !== shape) {
      laidFor = size();
      placed = layout(ids, view.edges, view.start, laidFor);
      shape = key;
    }
    const edges = el('g', { class: 'edges' });
    const labels = el('g', { class: 'labels' });
    for (const e of placed.edges) {
      const g = el('g', { class: `edge ${e.via ?? ''}`, 'data-from': e.from, 'data-to': e.to });
      const path = el('path', { d: edgePath(e), 'marker-end': 'url(#arrow)' });
      path.append(el('title', {}, `${e.from} → ${e.to}${e.labelBox ? `: ${e.labelBox.full}` : ''}`));
      g.append(path);
      edges.append(g);
      if (e.labelBox) {
        const b = e.labelBox;
        const lg = el('g', { class: `label ${e.via ?? ''}`, transform: `translate(${b.x.toFixed(1)},${b.y.toFixed(1)})`, 'data-from': e.from, 'data-to': e.to });
        lg.append(el('title', {}, b.full));
        lg.append(el('rect', { width: b.width, height: b.height, rx: 4 }));
        const text = el('text', {});
        b.lines.forEach((line, i) => text.append(el('tspan', { x: LAYOUT.labelPadding, y: LAYOUT.labelPadding + (i + 1) * LAYOUT.labelLineHeight - 3.5, class: i ? 'share' : 'option' }, line)));
        lg.append(text);
        labels.append(lg);
      }
    }
    const nodes = el('g', { class: 'nodes' });
    const byId = new Map(view.scenes.map((s) => [s.id, s]));
    for (const [id, n] of placed.nodes) {
      if (id === 'END') {
        const g = el('g', { class: 'node end', transform: `translate(${n.x},${n.y})`, 'data-scene': 'END', 'aria-label': 'The end' });
        g.append(el('rect', { width: n.width, height: n.height, rx: 26 }));
        g.append(el('text', { x: n.width / 2, y: 31, 'text-anchor': 'middle' }, 'END'));
        nodes.append(g);
        continue;
      }
      const scene = byId.get(id);
      const g = el('g', {
        class: `node${id === view.start ? ' start' : ''}${id === selected ? ' selected' : ''}`,
        transform: `translate(${n.x},${n.y})`, tabindex: '0', role: 'button',
        'aria-label': `Scene ${id}, ${scene.status}`, 'data-scene': id,
      });
      g.append(el('title', {}, `${id} · ${scene.file}:${scene.line}`));
      g.append(el('rect', { width: n.width, height: n.height, rx: 8 }));
      g.append(el('circle', { cx: 14, cy: 18, r: 5, fill: `var(--${scene.status})` }));
      g.append(el('text', { x: 26, y: 22 }, id.length > 18 ? `${id.slice(0, 17)}…` : id));
      g.append(el('text', { x: 12, y: 41, class: 'where' }, `${scene.file}:${scene.line} · ${scene.status}`));
      g.addEventListener('click', () => onPick(id));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(id); } });
      nodes.append(g);
    }
    world.replaceChildren(edges, nodes, labels);
    svg.setAttribute('aria-label', `Story map${view.stale ? ' (stale: from the last compile without errors)' : ''}`);
    if (!fitted && size().width > 0) {
      fit();
      fitted = true;
    } else {
      apply();
    }
  }

  // A pane that changes shape (the window, "Map only") may suit the other direction: lay out again and fit.
  new ResizeObserver(() => {
    const now = size();
    if (!last || !laidFor || now.width === 0 || (Math.abs(now.width - laidFor.width) < 40 && Math.abs(now.height - laidFor.height) < 40)) return;
    shape = null;
    draw(...last);
    fit();
  }).observe(container);

  return {
    draw,
    fit,
    zoomIn: () => zoomAt(1.25),
    zoomOut: () => zoomAt(0.8),
    /** The placed layout (for tests and screenshots). */
    placed: () => placed,
  };
}
