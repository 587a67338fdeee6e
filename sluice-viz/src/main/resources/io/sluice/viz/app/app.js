/*
 * Sluice viz: draws a pipeline document (nodes, datasets, parameters) with dagre's layered layout,
 * namespaces collapsed to one box until clicked, plus a grouping (deployment view) or a run (runs
 * view) over it. Plain DOM and SVG; one listener per control and one on the SVG (no per-node
 * listeners); the SVG is written as one string per draw; layouts are cached per visible state.
 */
(() => {
  'use strict';

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#4c6ef5', '#f08c00', '#2f9e44', '#e03131', '#7048e8', '#0c8599', '#d6336c', '#5c940d',
    '#1098ad', '#ae3ec9', '#e8590c', '#364fc7', '#087f5b', '#a61e4d', '#74b816', '#495057'];
  /**
   * Above this many boxes the layout ranks with dagre's tight-tree ranker rather than network
   * simplex, which ranks best but costs 2-3 times as much (measured on a 129-box expand).
   */
  const RANKER_LIMIT = 60;
  const $ = (s) => document.querySelector(s);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

  const state = {
    index: null, pipeline: null, doc: null, configs: {}, model: null,
    expanded: new Set(), tag: '', search: '', selected: null,
    view: 'graph', strategy: null, grouping: null, run: null, runs: null,
    layouts: new Map(), subLayouts: new Map(), visible: null, elements: null, transform: { x: 0, y: 0, k: 1 },
  };
  /** Timings of the last draw (ms), read by the benchmark and shown in the status line. */
  const timings = {};

  /** A name as one path segment of the JSON files (the server and the export write the same). */
  function fileName(name) {
    let out = '';
    for (const b of new TextEncoder().encode(name)) {
      const c = String.fromCharCode(b);
      out += /[A-Za-z0-9._-]/.test(c) ? c : '~' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return out === '.' || out === '..' ? out.replace(/\./g, '~2E') : out;
  }

  async function getJson(path) {
    const r = await fetch(path, { cache: 'no-store' });
    if (!r.ok) throw new Error(path + ': ' + r.status + ' ' + (await r.text()));
    return r.json();
  }

  // ---------------------------------------------------------------------------------------------
  // The model: every vertex and edge of the document, each vertex with its namespace.

  function commonNamespace(list) {
    if (list.length === 0) return '';
    let parts = list[0] ? list[0].split('.') : [];
    for (const ns of list) {
      const p = ns ? ns.split('.') : [];
      let i = 0;
      while (i < parts.length && i < p.length && parts[i] === p[i]) i++;
      parts = parts.slice(0, i);
      if (parts.length === 0) break;
    }
    return parts.join('.');
  }

  function buildModel(doc) {
    const vertices = new Map();
    const edges = [];
    const datasets = new Map(doc.datasets.map((d) => [d.name, d]));
    const params = new Map(doc.parameters.map((p) => [p.name, p]));
    const touching = new Map(); // vertex id -> namespaces of its nodes
    const touch = (id, ns) => { let t = touching.get(id); if (!t) touching.set(id, t = []); t.push(ns || ''); };
    const dataVertex = (input) => {
      if (input.startsWith('params:') || input === 'parameters') {
        const name = input === 'parameters' ? 'parameters' : input.slice(7);
        const id = 'p:' + name;
        if (!vertices.has(id)) vertices.set(id, { id, kind: 'param', name, data: params.get(name) || { name, type: 'all parameters' } });
        return id;
      }
      if (input.startsWith('engine:') || input === 'run:context') return null;
      const id = 'd:' + input;
      if (!vertices.has(id)) vertices.set(id, { id, kind: 'dataset', name: input, data: datasets.get(input) || { name: input } });
      return id;
    };
    for (const n of doc.nodes) {
      vertices.set('n:' + n.name, { id: 'n:' + n.name, kind: 'node', name: n.name, ns: n.namespace || '', data: n });
    }
    for (const n of doc.nodes) {
      const id = 'n:' + n.name;
      for (const input of n.inputs) {
        const v = dataVertex(input);
        if (v) { edges.push([v, id]); touch(v, n.namespace); }
      }
      for (const output of n.outputs) {
        const v = dataVertex(output);
        edges.push([id, v]); touch(v, n.namespace);
      }
    }
    const namespaces = new Map(); // path -> {path, nodes: count}
    for (const v of vertices.values()) {
      if (v.kind !== 'node') v.ns = commonNamespace(touching.get(v.id) || []);
      if (v.kind === 'node' && v.ns) {
        const parts = v.ns.split('.');
        for (let i = 1; i <= parts.length; i++) {
          const p = parts.slice(0, i).join('.');
          let e = namespaces.get(p);
          if (!e) namespaces.set(p, e = { path: p, nodes: 0, depth: i });
          e.nodes++;
        }
      }
    }
    // A data vertex sits inside a namespace only if that namespace has nodes (the common prefix
    // of a.x and a.y is a, which exists since a.x's nodes are in a).
    const tags = new Set();
    doc.nodes.forEach((n) => n.tags.forEach((t) => tags.add(t)));
    const preds = new Map(); const succs = new Map();
    for (const [a, b] of edges) {
      (succs.get(a) || succs.set(a, []).get(a)).push(b);
      (preds.get(b) || preds.set(b, []).get(b)).push(a);
    }
    return { vertices, edges, namespaces, tags: [...tags].sort(), preds, succs };
  }

  // ---------------------------------------------------------------------------------------------
  // The visible graph: vertices of collapsed namespaces folded into one box each, tag filter applied.

  function representative(v) {
    if (!v.ns) return v.id;
    const parts = v.ns.split('.');
    let p = '';
    for (let i = 0; i < parts.length; i++) {
      p = i === 0 ? parts[0] : p + '.' + parts[i];
      if (!state.expanded.has(p)) return 'ns:' + p;
    }
    return v.id;
  }

  function visibleGraph() {
    const m = state.model;
    let keep = null;
    if (state.tag) {
      keep = new Set();
      for (const v of m.vertices.values()) if (v.kind === 'node' && v.data.tags.includes(state.tag)) keep.add(v.id);
      for (const [a, b] of m.edges) { if (keep.has(b) && !a.startsWith('n:')) keep.add(a); }
      for (const [a, b] of m.edges) { if (keep.has(a) && a.startsWith('n:')) keep.add(b); }
    }
    const rep = new Map();
    const boxes = new Map();
    for (const v of m.vertices.values()) {
      if (keep && !keep.has(v.id)) continue;
      const r = representative(v);
      rep.set(v.id, r);
      if (r.startsWith('ns:')) {
        let b = boxes.get(r);
        if (!b) boxes.set(r, b = { id: r, kind: 'ns', name: r.slice(3), members: [] });
        b.members.push(v.id);
      }
    }
    // A dataset or parameter only between collapsed boxes becomes the edge between them (named
    // in the edge's tooltip): at the top level of a large pipeline it is most of what is drawn.
    const seen = new Map();
    const edges = [];
    const via = [];
    const addEdge = (ra, rb, name) => {
      const key = ra + '\u0000' + rb;
      let i = seen.get(key);
      if (i === undefined) { seen.set(key, i = edges.length); edges.push([ra, rb]); via.push([]); }
      if (name) via[i].push(name);
    };
    const hidden = new Set();
    const isBox = (r) => r !== undefined && r.startsWith('ns:');
    for (const v of m.vertices.values()) {
      if (v.kind === 'node' || rep.get(v.id) !== v.id) continue;
      const ps = (m.preds.get(v.id) || []).map((x) => rep.get(x)).filter((x) => x !== undefined);
      const ss = (m.succs.get(v.id) || []).map((x) => rep.get(x)).filter((x) => x !== undefined);
      if (ps.length && ss.length && ps.every(isBox) && ss.every(isBox)) {
        hidden.add(v.id);
        for (const a of ps) for (const b of ss) if (a !== b) addEdge(a, b, v.name);
      }
    }
    for (const [a, b] of m.edges) {
      if (hidden.has(a) || hidden.has(b)) continue;
      const ra = rep.get(a); const rb = rep.get(b);
      if (ra === undefined || rb === undefined || ra === rb) continue;
      addEdge(ra, rb, null);
    }
    const ids = new Set();
    for (const r of rep.values()) if (!hidden.has(r)) ids.add(r);
    return { ids: [...ids].sort(), edges, via, boxes, rep, hidden };
  }

  function vertexOf(id) {
    return id.startsWith('ns:') ? (state.visible.boxes.get(id) || { id, kind: 'ns', name: id.slice(3), members: [] })
      : state.model.vertices.get(id);
  }

  function shortName(v) {
    if (v.kind === 'ns') return v.name;
    if (v.kind === 'node' && v.ns && v.name.startsWith(v.ns + '.')) return v.name.slice(v.ns.length + 1);
    return v.name;
  }

  function size(v) {
    const label = shortName(v);
    const w = (n, min, max) => Math.max(min, Math.min(max, n * 7 + 28));
    switch (v.kind) {
      case 'node': return { width: w(label.length, 110, 280), height: 34 };
      case 'dataset': return { width: w(Math.max(label.length, subtitle(v).length * 0.85), 110, 300), height: 42 };
      case 'param': return { width: w(label.length, 90, 260), height: 26 };
      default: return { width: w(label.length + 4, 150, 300), height: 50 };
    }
  }

  function subtitle(v) {
    if (v.kind !== 'dataset') return '';
    const d = v.data;
    const parts = [d.catalog_type || 'unresolved', d.persisted ? 'persisted' : 'memory'];
    if (d.artifact_kind === 'model' && d.catalog_type !== 'model') parts.push('model');
    if (d.artifact_kind === 'metrics') parts.push('metrics');
    if (d.engines && d.engines.length) parts.push('@' + d.engines.join(','));
    return parts.join(' · ');
  }

  // ---------------------------------------------------------------------------------------------
  // Layout (dagre, left to right), cached per visible state. Expanding a namespace lays out only
  // what appeared (the namespace's contents, by dagre, cached per namespace) and splices it in where
  // the box was, shifting what lies right of it and below it in its rank; collapsing puts the box
  // where its contents began. Everything else keeps its place, so that an expand costs the layout
  // of one namespace rather than of the whole graph (a whole layout of a 129-box graph whose long
  // edges span the expanded namespace costs 4-6 times the namespace's own).

  const edgeKey = (a, b) => a + '\u0000' + b;

  function stateKey() {
    return state.pipeline + '|' + state.tag + '|' + [...state.expanded].sort().join(',');
  }

  /** dagre's layered layout of {@code ids} and the edges among them; positions relative to (0, 0). */
  function dagreLayout(ids, edges) {
    const g = new dagre.graphlib.Graph();
    const ranker = ids.length > RANKER_LIMIT ? 'tight-tree' : 'network-simplex';
    g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, edgesep: 8, marginx: 20, marginy: 20, ranker });
    g.setDefaultEdgeLabel(() => ({}));
    for (const id of ids) g.setNode(id, size(vertexOf(id)));
    for (const [a, b] of edges) g.setEdge(a, b);
    dagre.layout(g);
    const pos = new Map();
    for (const id of ids) { const n = g.node(id); pos.set(id, { x: n.x, y: n.y, w: n.width, h: n.height }); }
    const paths = new Map();
    for (const [a, b] of edges) paths.set(edgeKey(a, b), g.edge(a, b).points);
    const gg = g.graph();
    return { pos, paths, x0: 0, y0: 0, width: gg.width || 0, height: gg.height || 0 };
  }

  function layout(graph, before) {
    const key = stateKey();
    const cached = state.layouts.get(key);
    timings.layoutKind = 'cached';
    if (cached) { timings.layoutMs = 0; timings.layoutCached = true; return cached; }
    const t0 = performance.now();
    let result = before && before.tag === state.tag && before.pipeline === state.pipeline
      ? splice(before.graph, before.lay, graph) : null;
    if (!result) {
      result = dagreLayout(graph.ids, graph.edges);
      timings.layoutKind = 'whole';
    }
    timings.layoutMs = performance.now() - t0;
    timings.layoutCached = false;
    state.layouts.set(key, result);
    return result;
  }

  /** The namespace whose contents {@code id} is drawn in (a box: the namespace it stands for). */
  const nsOf = (id) => { const v = vertexOf(id); return v.kind === 'ns' ? v.name : v.ns || ''; };
  const inside = (ns, path) => ns === path || ns.startsWith(path + '.');

  /**
   * The layout of {@code graph} from {@code lay}, the layout of {@code old}, when one namespace box
   * was expanded or one namespace collapsed into a box; null when the change is anything else.
   */
  function splice(old, lay, graph) {
    const now = new Set(graph.ids);
    const was = new Set(old.ids);
    const removed = old.ids.filter((id) => !now.has(id));
    const added = graph.ids.filter((id) => !was.has(id));
    if (removed.length === 1 && removed[0].startsWith('ns:') && added.length) {
      timings.layoutKind = 'splice-expand';
      return spliceExpand(removed[0], lay, graph, added);
    }
    if (added.length === 1 && added[0].startsWith('ns:') && removed.length) {
      timings.layoutKind = 'splice-collapse';
      return spliceCollapse(added[0], removed, lay, graph);
    }
    return null;
  }

  function spliceExpand(boxId, lay, graph, added) {
    const path = boxId.slice(3);
    const B = lay.pos.get(boxId);
    const addedSet = new Set(added);
    const inner = added.filter((id) => inside(nsOf(id), path));
    const innerSet = new Set(inner);
    // Datasets outside the namespace that were hidden between boxes and now touch its contents:
    // a column left of it (those it reads) or right of it (those it writes).
    const left = []; const right = [];
    for (const id of added) {
      if (innerSet.has(id)) continue;
      const feeds = graph.edges.some(([a, b]) => a === id && innerSet.has(b));
      (feeds ? left : right).push(id);
    }
    const subKey = state.pipeline + '|' + state.tag + '|' + path + '|'
      + [...state.expanded].filter((p) => inside(p, path)).sort().join(',');
    let sub = state.subLayouts.get(subKey);
    if (!sub) {
      sub = dagreLayout(inner, graph.edges.filter(([a, b]) => innerSet.has(a) && innerSet.has(b)));
      state.subLayouts.set(subKey, sub);
    }
    const GAP = 56;
    const colW = (ids) => ids.length ? Math.max(...ids.map((id) => size(vertexOf(id)).width)) + GAP : 0;
    const leftW = colW(left); const rightW = colW(right);
    const x1 = B.x - B.w / 2; const y1 = B.y - B.h / 2;
    const pos = new Map();
    let colH = 0;
    const column = (ids, cx) => {
      let y = y1 + 20;
      for (const id of ids) {
        const s = size(vertexOf(id));
        pos.set(id, { x: cx, y: y + s.height / 2, w: s.width, h: s.height });
        y += s.height + 14;
      }
      colH = Math.max(colH, y - y1);
    };
    column(left, x1 + (leftW - GAP) / 2);
    for (const [id, p] of sub.pos) pos.set(id, { ...p, x: p.x + x1 + leftW, y: p.y + y1 });
    column(right, x1 + leftW + sub.width + (rightW - GAP) / 2 + GAP);
    const W = leftW + sub.width + rightW; const H = Math.max(sub.height, colH);
    const dx = Math.max(0, W - B.w); const dy = Math.max(0, H - B.h);
    const move = (p) => (p.x > B.x + 0.5 ? { x: p.x + dx, y: p.y } : Math.abs(p.x - B.x) <= 0.5 && p.y > B.y ? { x: p.x, y: p.y + dy } : p);
    const delta = new Map();
    for (const [id, p] of lay.pos) {
      if (id === boxId) continue;
      const m = move(p);
      pos.set(id, { ...p, x: m.x, y: m.y });
      delta.set(id, { x: m.x - p.x, y: m.y - p.y });
    }
    const paths = new Map();
    for (const [a, b] of graph.edges) {
      const k = edgeKey(a, b);
      const old = lay.paths.get(k);
      if (old && !addedSet.has(a) && !addedSet.has(b)) {
        const da = delta.get(a); const db = delta.get(b);
        paths.set(k, old.map((p, i) => (i === 0 ? { x: p.x + da.x, y: p.y + da.y }
          : i === old.length - 1 ? { x: p.x + db.x, y: p.y + db.y } : move(p))));
      } else if (innerSet.has(a) && innerSet.has(b)) {
        paths.set(k, sub.paths.get(k).map((p) => ({ x: p.x + x1 + leftW, y: p.y + y1 })));
      } else {
        paths.set(k, route(pos.get(a), pos.get(b)));
      }
    }
    return bounds(pos, paths);
  }

  function spliceCollapse(boxId, removed, lay, graph) {
    let x1 = Infinity; let y1 = Infinity;
    for (const id of removed) { const p = lay.pos.get(id); x1 = Math.min(x1, p.x - p.w / 2); y1 = Math.min(y1, p.y - p.h / 2); }
    const gone = new Set(removed);
    const pos = new Map();
    for (const [id, p] of lay.pos) if (!gone.has(id)) pos.set(id, p);
    const s = size(vertexOf(boxId));
    pos.set(boxId, { x: x1 + s.width / 2, y: y1 + s.height / 2, w: s.width, h: s.height });
    const paths = new Map();
    for (const [a, b] of graph.edges) {
      const k = edgeKey(a, b);
      paths.set(k, a !== boxId && b !== boxId && lay.paths.has(k) ? lay.paths.get(k) : route(pos.get(a), pos.get(b)));
    }
    return bounds(pos, paths);
  }

  /** An edge from box {@code a} to box {@code b} drawn without dagre: out right, across, in left. */
  function route(a, b) {
    const sx = a.x + a.w / 2; const tx = b.x - b.w / 2;
    const mx = sx < tx ? (sx + tx) / 2 : sx + 16;
    return [{ x: sx, y: a.y }, { x: mx, y: a.y }, { x: mx === sx + 16 ? tx - 16 : mx, y: b.y }, { x: tx, y: b.y }];
  }

  /** A layout of {@code pos} and {@code paths}: its origin (x0, y0, margin included) and size. */
  function bounds(pos, paths) {
    let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
    for (const p of pos.values()) {
      x1 = Math.min(x1, p.x - p.w / 2); y1 = Math.min(y1, p.y - p.h / 2);
      x2 = Math.max(x2, p.x + p.w / 2); y2 = Math.max(y2, p.y + p.h / 2);
    }
    if (!pos.size) return { pos, paths, x0: 0, y0: 0, width: 0, height: 0 };
    return { pos, paths, x0: x1 - 20, y0: y1 - 20, width: x2 - x1 + 40, height: y2 - y1 + 40 };
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing: one SVG string per draw.

  function shape(v, p) {
    const x = -p.w / 2; const y = -p.h / 2;
    const label = esc(shortName(v));
    switch (v.kind) {
      case 'node':
        return `<rect x="${x}" y="${y}" width="${p.w}" height="${p.h}" rx="14"/><text>${label}</text>`;
      case 'dataset':
        return `<rect x="${x}" y="${y}" width="${p.w}" height="${p.h}" rx="3"/>`
          + (v.data.engines && v.data.engines.length ? `<rect class="eng" x="${x}" y="${y}" width="7" height="${p.h}"><title>on engine ${esc(v.data.engines.join(', '))}</title></rect>` : '')
          + `<text y="-7">${label}</text>`
          + `<text class="sub" y="10">${esc(subtitle(v))}</text>`;
      case 'param': {
        const s = 10;
        return `<polygon points="${x + s},${y} ${-x - s},${y} ${-x},0 ${-x - s},${-y} ${x + s},${-y} ${x},0"/>`
          + `<text>${label}</text>`;
      }
      default: {
        const nodes = v.members.filter((m) => m.startsWith('n:')).length;
        return `<rect x="${x}" y="${y}" width="${p.w}" height="${p.h}" rx="6"/>`
          + `<rect class="inner" x="${x + 4}" y="${y + 4}" width="${p.w - 8}" height="${p.h - 8}" rx="4"/>`
          + `<text y="-7">⊞ ${label}</text><text class="sub" y="11">${nodes} node${nodes === 1 ? '' : 's'} · click to expand</text>`;
      }
    }
  }

  function classes(v) {
    let c = 'v ' + v.kind;
    if (v.kind === 'dataset') {
      if (!v.data.persisted) c += ' memory';
      if (v.data.artifact_kind === 'model') c += ' model';
      if (v.data.artifact_kind === 'metrics') c += ' metrics';
      if (v.data.engines && v.data.engines.length) c += ' engine';
    }
    return c;
  }

  function regions(graph, lay) {
    // Expanded namespaces: the bounding box of their visible members, outermost first.
    const boxes = new Map();
    for (const id of graph.ids) {
      const v = vertexOf(id);
      const ns = v.kind === 'ns' ? v.name : v.ns;
      if (!ns) continue;
      const parts = ns.split('.');
      for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join('.');
        if (!state.expanded.has(path) || (v.kind === 'ns' && path === ns)) continue;
        const p = lay.pos.get(id);
        let b = boxes.get(path);
        if (!b) boxes.set(path, b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, depth: i });
        b.x1 = Math.min(b.x1, p.x - p.w / 2); b.y1 = Math.min(b.y1, p.y - p.h / 2);
        b.x2 = Math.max(b.x2, p.x + p.w / 2); b.y2 = Math.max(b.y2, p.y + p.h / 2);
      }
    }
    let out = '';
    [...boxes.entries()].sort((a, b) => a[1].depth - b[1].depth).forEach(([path, b]) => {
      const pad = 14 - Math.min(b.depth, 4) * 2;
      out += `<g class="region" data-ns="${esc(path)}"><rect x="${b.x1 - pad}" y="${b.y1 - pad - 16}" width="${b.x2 - b.x1 + 2 * pad}" height="${b.y2 - b.y1 + 2 * pad + 16}" rx="8"/>`
        + `<text x="${b.x1 - pad + 6}" y="${b.y1 - pad - 13}" data-collapse="${esc(path)}">⊟ ${esc(path)}</text></g>`;
    });
    return out;
  }

  /** Draws the visible graph; {@code incremental}: lay out from the previous drawing when it can. */
  function draw(fit, incremental) {
    const t0 = performance.now();
    const before = incremental && state.visible && state.lay
      ? { graph: state.visible, lay: state.lay, tag: state.drawnTag, pipeline: state.drawnPipeline } : null;
    const graph = visibleGraph();
    state.drawnTag = state.tag;
    state.drawnPipeline = state.pipeline;
    state.visible = graph;
    timings.graphMs = performance.now() - t0;
    const lay = layout(graph, before);
    state.lay = lay;
    const t1 = performance.now();
    let svg = '<g id="regions">' + regions(graph, lay) + '</g><g id="overlay"></g><g id="edges">';
    graph.edges.forEach(([a, b], i) => {
      const pts = lay.paths.get(edgeKey(a, b));
      let d = 'M' + pts[0].x.toFixed(1) + ',' + pts[0].y.toFixed(1);
      for (let k = 1; k < pts.length; k++) d += 'L' + pts[k].x.toFixed(1) + ',' + pts[k].y.toFixed(1);
      const names = graph.via[i];
      svg += names.length ? `<path class="e" data-e="${i}" d="${d}"><title>${esc(names.length > 8 ? names.slice(0, 8).join(', ') + ` and ${names.length - 8} more` : names.join(', '))}</title></path>`
        : `<path class="e" data-e="${i}" d="${d}"/>`;
    });
    svg += '</g><g id="vertices">';
    for (const id of graph.ids) {
      const v = vertexOf(id);
      const p = lay.pos.get(id);
      svg += `<g class="${classes(v)}" data-id="${esc(id)}" transform="translate(${p.x.toFixed(1)},${p.y.toFixed(1)})">${shape(v, p)}</g>`;
    }
    svg += '</g>';
    const vp = $('#viewport');
    vp.innerHTML = svg;
    state.elements = new Map();
    for (const el of vp.querySelectorAll('#vertices > g')) state.elements.set(el.getAttribute('data-id'), el);
    state.edgeElements = vp.querySelectorAll('#edges > path');
    buildAdjacency(graph);
    if (fit) fitView(); else applyTransform();
    decorate();
    timings.renderMs = performance.now() - t1;
    timings.drawMs = performance.now() - t0;
    timings.vertices = graph.ids.length;
    timings.edges = graph.edges.length;
    status();
  }

  function status() {
    $('#status').textContent = `${state.model.vertices.size} vertices (${state.doc.nodes.length} nodes) · drawn ${timings.vertices} boxes, `
      + `${timings.edges} edges · layout ${timings.layoutCached ? 'cached' : timings.layoutMs.toFixed(0) + ' ms'} · draw ${timings.drawMs.toFixed(0)} ms`;
  }

  function buildAdjacency(graph) {
    const out = new Map(); const inc = new Map();
    graph.edges.forEach(([a, b], i) => {
      (out.get(a) || out.set(a, []).get(a)).push([b, i]);
      (inc.get(b) || inc.set(b, []).get(b)).push([a, i]);
    });
    state.out = out; state.inc = inc;
  }

  /** Classes that depend on the selection, the search, the grouping or the run. */
  function decorate() {
    const svg = $('#graph');
    for (const el of state.elements.values()) {
      el.classList.remove('hl', 'sel', 'match');
    }
    for (const el of state.edgeElements) el.classList.remove('hl');
    let dim = false;
    if (state.selected && state.elements.has(state.selected)) {
      dim = true;
      const start = state.selected;
      state.elements.get(start).classList.add('sel', 'hl');
      const walk = (adj) => {
        const seen = new Set([start]); const stack = [start];
        while (stack.length) {
          const id = stack.pop();
          for (const [next, e] of adj.get(id) || []) {
            state.edgeElements[e].classList.add('hl');
            if (!seen.has(next)) { seen.add(next); stack.push(next); state.elements.get(next).classList.add('hl'); }
          }
        }
      };
      walk(state.out); walk(state.inc);
    }
    const q = state.search.trim().toLowerCase();
    let count = 0;
    if (q) {
      dim = true;
      for (const v of state.model.vertices.values()) {
        if (v.name.toLowerCase().includes(q)) {
          count++;
          const el = state.elements.get(state.visible.rep.get(v.id));
          if (el) el.classList.add('match');
        }
      }
      for (const [id, el] of state.elements) if (id.startsWith('ns:') && id.slice(3).toLowerCase().includes(q)) el.classList.add('match');
    }
    $('#matches').textContent = q ? `${count} match${count === 1 ? '' : 'es'}` : '';
    svg.classList.toggle('dim', dim);
    decorateGrouping();
    decorateRun();
  }

  // ---------------------------------------------------------------------------------------------
  // Pan and zoom.

  function applyTransform() {
    const t = state.transform;
    $('#viewport').setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
  }

  function fitView() {
    const box = $('#canvas').getBoundingClientRect();
    const lay = state.lay;
    const k = Math.min(1.2, Math.min((box.width - 20) / Math.max(lay.width, 1), (box.height - 20) / Math.max(lay.height, 1)));
    state.transform = { k, x: (box.width - lay.width * k) / 2 - lay.x0 * k, y: (box.height - lay.height * k) / 2 - lay.y0 * k };
    applyTransform();
  }

  function centerOn(id) {
    const p = state.lay.pos.get(id);
    if (!p) return;
    const box = $('#canvas').getBoundingClientRect();
    const k = Math.max(state.transform.k, 0.8);
    state.transform = { k, x: box.width / 2 - p.x * k, y: box.height / 2 - p.y * k };
    applyTransform();
  }

  function setupPanZoom() {
    const svg = $('#graph');
    let drag = null;
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const mx = e.clientX - r.left; const my = e.clientY - r.top;
      const t = state.transform;
      const k = Math.max(0.02, Math.min(4, t.k * Math.exp(-e.deltaY * 0.0015)));
      state.transform = { k, x: mx - (mx - t.x) * k / t.k, y: my - (my - t.y) * k / t.k };
      applyTransform();
    }, { passive: false });
    svg.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, t: { ...state.transform }, moved: false }; });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x; const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) { state.transform = { ...drag.t, x: drag.t.x + dx, y: drag.t.y + dy }; applyTransform(); }
    });
    window.addEventListener('pointerup', () => { setTimeout(() => { drag = null; }, 0); });
    svg.addEventListener('click', (e) => {
      if (drag && drag.moved) return;
      const collapse = e.target.closest('[data-collapse]');
      if (collapse) { toggleNamespace(collapse.getAttribute('data-collapse'), false); return; }
      const el = e.target.closest('[data-id]');
      if (!el) { select(null); return; }
      const id = el.getAttribute('data-id');
      if (id.startsWith('ns:')) toggleNamespace(id.slice(3), true);
      else select(id);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Interaction.

  function toggleNamespace(path, expand) {
    const t0 = performance.now();
    if (expand) {
      const parts = path.split('.');
      for (let i = 1; i <= parts.length; i++) state.expanded.add(parts.slice(0, i).join('.'));
    } else {
      for (const p of [...state.expanded]) if (p === path || p.startsWith(path + '.')) state.expanded.delete(p);
      if (state.selected && !state.elements.has(state.selected)) state.selected = null;
    }
    draw(false, true);
    if (!state.elements.has(state.selected)) state.selected = null;
    timings.toggleMs = performance.now() - t0;
    document.body.dataset.toggles = String((Number(document.body.dataset.toggles) || 0) + 1);
  }

  function select(id) {
    state.selected = id;
    decorate();
    showDetails(id);
  }

  function dl(rows) {
    return '<dl>' + rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('') + '</dl>';
  }
  const list = (items) => items.length ? '<ul>' + items.map((i) => `<li>${esc(i)}</li>`).join('') + '</ul>' : '<span class="hint">none</span>';

  function showDetails(id) {
    const box = $('#details');
    if (!id) { box.innerHTML = '<p class="hint">Click a node, dataset or parameter for its details.</p>'; return; }
    const v = state.model.vertices.get(id);
    let html = `<h3 data-kind="${v.kind}">${esc(v.name)}</h3>`;
    if (v.kind === 'node') {
      const n = v.data;
      const f = n.function;
      const simple = (t) => String(t).replace(/\b(?:[a-z_][\w]*\.)+(?=[A-Z_$])/g, '');
      const sig = `(${n.inputs.map((input, i) => `${simple(f.parameter_types[i] || '?')} ${input}`).join(', ')}) → ${simple(f.return_type)}`;
      html += dl([['kind', 'node'], ['function', `<code>${esc(f.ref)}</code>`], ['signature', `<code>${esc(sig)}</code>`],
        ['descriptor', f.descriptor ? `<code>${esc(f.descriptor)}</code>` : ''], ['namespace', esc(n.namespace || '')],
        ['layer', n.layer], ['inputs', list(n.inputs)],
        ['outputs', list(n.outputs.map((o, i) => n.output_components.length ? `${o} ← ${n.output_components[i]}` : o))],
        ['tags', n.tags.length ? esc(n.tags.join(', ')) : '<span class="hint">none</span>']]);
      html += groupDetails(n.name) + runDetails(n.name);
    } else if (v.kind === 'dataset') {
      const d = v.data;
      const c = state.configs[v.name];
      const producers = state.doc.nodes.filter((n) => n.outputs.includes(v.name)).map((n) => n.name);
      const consumers = state.doc.nodes.filter((n) => n.inputs.includes(v.name)).map((n) => n.name);
      html += dl([['kind', 'dataset'], ['role', esc((d.role || '').toLowerCase().replace('_', ' '))], ['value type', `<code>${esc(d.value_type || '')}</code>`],
        ['catalog type', esc(d.catalog_type || 'unresolved')], ['resolution', esc(d.resolution || '')],
        ['storage', d.persisted ? 'persisted' : 'memory'], ['versioned', d.versioned ? 'yes' : 'no'],
        ['artifact', esc(d.artifact_kind || '')], ['engines', esc((d.engines || []).join(', '))],
        ['produced by', list(producers)], ['read by', list(consumers)]]);
      if (c) {
        html += '<h3>Catalog</h3>' + dl([['resolved by', esc(c.resolved_by || '')], ['pattern', esc(c.pattern || '')],
          ['declared at', esc(c.declared_at || '')]]);
        html += c.error ? `<p class="err">${esc(c.error)}</p>` : `<pre class="config">${esc(JSON.stringify(c.config || {}, null, 2))}</pre>`;
      }
    } else {
      const consumers = state.doc.nodes.filter((n) => n.inputs.includes('params:' + v.name) || (v.name === 'parameters' && n.inputs.includes('parameters'))).map((n) => n.name);
      html += dl([['kind', 'parameter'], ['type', `<code>${esc(v.data.type || '')}</code>`], ['read by', list(consumers)]]);
    }
    box.innerHTML = html;
  }

  async function goToSearch() {
    const q = state.search.trim().toLowerCase();
    if (!q) return;
    const v = [...state.model.vertices.values()].find((x) => x.name.toLowerCase().includes(q));
    if (!v) return;
    if (v.ns && state.visible.rep.get(v.id) !== v.id) toggleNamespace(v.ns, true);
    else if (state.visible.hidden.has(v.id)) {
      const producer = (state.model.preds.get(v.id) || [])[0];
      const ns = producer && state.model.vertices.get(producer).ns;
      if (ns) toggleNamespace(ns, true);
    }
    select(v.id);
    centerOn(v.id);
  }

  // ---------------------------------------------------------------------------------------------
  // Deployment view.

  function groupOf() {
    const map = new Map();
    if (!state.grouping || !state.grouping.grouping) return map;
    for (const g of state.grouping.grouping.groups) for (const n of g.nodes) map.set(n, g.id);
    return map;
  }

  function groupColor(id) {
    const ids = state.grouping.grouping.groups.map((g) => g.id);
    return PALETTE[ids.indexOf(id) % PALETTE.length];
  }

  function decorateGrouping() {
    const overlay = $('#overlay');
    overlay.innerHTML = '';
    for (const el of state.elements.values()) {
      el.classList.remove('boundary', 'crossing', 'problem', 'grouped');
      const shapeEl = el.firstElementChild;
      shapeEl.style.fill = ''; shapeEl.style.stroke = '';
      for (const badge of el.querySelectorAll('.badge')) badge.remove();
    }
    if (state.view !== 'deploy' || !state.grouping || !state.grouping.grouping) return;
    const byNode = groupOf();
    const colorOf = (id) => {
      const v = vertexOf(id);
      let groups;
      if (v.kind === 'node') groups = [byNode.get(v.name)];
      else if (v.kind === 'ns') groups = v.members.filter((m) => m.startsWith('n:')).map((m) => byNode.get(m.slice(2)));
      else return null;
      const distinct = [...new Set(groups.filter(Boolean))];
      return distinct.length === 1 ? groupColor(distinct[0]) : distinct.length > 1 ? 'mixed' : null;
    };
    const regionsOf = new Map();
    for (const [id, el] of state.elements) {
      const c = colorOf(id);
      if (!c) continue;
      el.classList.add('grouped');
      const s = el.firstElementChild;
      if (c === 'mixed') { s.style.fill = 'url(#mixed)'; continue; }
      s.style.fill = c + '33'; s.style.stroke = c;
      const v = vertexOf(id);
      const gid = v.kind === 'node' ? byNode.get(v.name) : byNode.get(v.members.find((m) => m.startsWith('n:')).slice(2));
      const p = state.lay.pos.get(id);
      let b = regionsOf.get(gid);
      if (!b) regionsOf.set(gid, b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity });
      b.x1 = Math.min(b.x1, p.x - p.w / 2); b.y1 = Math.min(b.y1, p.y - p.h / 2);
      b.x2 = Math.max(b.x2, p.x + p.w / 2); b.y2 = Math.max(b.y2, p.y + p.h / 2);
    }
    let svg = '';
    for (const [gid, b] of regionsOf) {
      const c = groupColor(gid);
      svg += `<g class="group-region" data-group="${esc(gid)}"><rect x="${b.x1 - 10}" y="${b.y1 - 26}" width="${b.x2 - b.x1 + 20}" height="${b.y2 - b.y1 + 36}" rx="10" style="fill:${c};stroke:${c}"/>`
        + `<text x="${b.x1 - 4}" y="${b.y1 - 22}" style="fill:${c}">${esc(gid)}</text></g>`;
    }
    overlay.innerHTML = svg;
    const rep = state.visible.rep;
    for (const b of state.grouping.grouping.boundary_datasets) {
      const el = state.elements.get(rep.get('d:' + b.dataset));
      if (!el) continue;
      el.classList.add(b.persisted ? 'boundary' : 'crossing');
      if (!el.querySelector('.badge')) {
        const w = state.lay.pos.get(el.getAttribute('data-id')).w;
        el.insertAdjacentHTML('beforeend', `<text class="badge" x="${w / 2 - 10}" y="-14">⇄<title>${esc(b.dataset)}: ${esc(b.from)} → ${esc(b.to.join(', '))}${b.persisted ? '' : ' (memory: cannot cross)'}</title></text>`);
      }
    }
    // Each problem on what it is about: a red outline and a ⚠ whose tooltip is the check's message.
    const mark = (el, p) => {
      el.classList.add('problem');
      let warn = el.querySelector('.badge.warn');
      if (!warn) {
        const pos = state.lay.pos.get(el.getAttribute('data-id'));
        el.insertAdjacentHTML('beforeend', `<text class="badge warn" x="${-pos.w / 2 + 2}" y="${-pos.h / 2 - 4}">⚠<title></title></text>`);
        warn = el.querySelector('.badge.warn');
      }
      const t = warn.querySelector('title');
      t.textContent = (t.textContent ? t.textContent + '\n' : '') + p.message;
    };
    for (const p of state.grouping.check.problems) {
      for (const g of p.groups || []) { const r = overlay.querySelector(`[data-group="${CSS.escape(g)}"]`); if (r) r.classList.add('problem'); }
      for (const n of p.nodes || []) { const el = state.elements.get(rep.get('n:' + n)); if (el) mark(el, p); }
      for (const d of p.datasets || []) { const el = state.elements.get(rep.get('d:' + d)); if (el) mark(el, p); }
    }
  }

  async function loadGrouping() {
    if (!state.strategy) return;
    const m = state.merge;
    const merged = m && (m.target > 0 || m.cost > 0);
    const key = state.strategy + (merged ? `/${m.target}-${m.cost}${m.tag ? '-' + fileName(m.tag) : ''}` : '');
    state.grouping = await getJson(`api/groupings/${fileName(state.pipeline)}/${key}.json`);
    document.body.dataset.merge = merged ? key.slice(state.strategy.length + 1) : '';
    renderLegend();
    decorate();
    document.body.dataset.grouping = state.strategy;
  }

  function renderLegend() {
    const legend = $('#legend'); const problems = $('#problems');
    if (state.view === 'graph') { legend.innerHTML = shapeKey(); problems.innerHTML = ''; return; }
    if (state.view !== 'deploy' || !state.grouping) { legend.innerHTML = ''; problems.innerHTML = ''; return; }
    if (state.grouping.error) { legend.innerHTML = `<p class="err">${esc(state.grouping.error)}</p>`; problems.innerHTML = ''; return; }
    const g = state.grouping.grouping;
    legend.innerHTML = `<h3>${g.groups.length} group${g.groups.length === 1 ? '' : 's'} by ${esc(g.strategy)}</h3><ul>`
      + g.groups.map((x) => `<li data-group="${esc(x.id)}"><span class="swatch" style="background:${groupColor(x.id)}"></span>${esc(x.id)} <span class="hint">(${x.nodes.length})</span></li>`).join('')
      + '</ul>' + `<p class="hint">${g.boundary_datasets.length} boundary dataset${g.boundary_datasets.length === 1 ? '' : 's'} (orange; red dashed: memory, cannot cross)</p>`;
    const c = state.grouping.check;
    problems.innerHTML = c.ok ? '<h3>Check: ok</h3>' : `<h3 class="err">Check: ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}</h3><ul>`
      + c.problems.map((p, i) => `<li class="problem-item" data-kind="${esc(p.kind)}" data-index="${i}" title="Click to show it on the graph">${esc(p.message)}</li>`).join('') + '</ul>';
  }

  /** The graph view's key: each kind of box as it is drawn. */
  function shapeKey() {
    const items = [
      ['node', 'node (function)', { kind: 'node', name: 'node', data: {} }],
      ['dataset', 'dataset, persisted', { kind: 'dataset', name: 'dataset', data: { persisted: true } }],
      ['dataset memory', 'dataset in memory', { kind: 'dataset', name: 'dataset', data: { persisted: false } }],
      ['dataset model', 'model artifact', { kind: 'dataset', name: 'model', data: { persisted: true, artifact_kind: 'model' } }],
      ['dataset metrics', 'metrics of a run', { kind: 'dataset', name: 'metrics', data: { persisted: true, artifact_kind: 'metrics' } }],
      ['dataset engine', 'dataset on an engine', { kind: 'dataset', name: 'table', data: { persisted: true, engines: ['engine'] } }],
      ['param', 'parameter', { kind: 'param', name: 'param', data: {} }],
    ];
    return '<h3>Key</h3><svg id="key" width="300" height="' + items.length * 30 + '">' + items.map(([cls, text, v], i) => {
      const p = { w: 70, h: 22 };
      const body = shape({ ...v, members: [] }, p).replace(/<text[^>]*>.*?<\/text>/g, '');
      // a nested svg, not a g: styled like the graph's boxes, never counted among them
      return `<svg class="v ${cls}" x="40" y="${i * 30 + 14}" overflow="visible">${body}</svg><text x="90" y="${i * 30 + 18}">${esc(text)}</text>`;
    }).join('') + '</svg><p class="hint">⊞ a collapsed namespace: click to expand; ⊟ collapses it.</p>';
  }

  function groupDetails(node) {
    if (state.view !== 'deploy' || !state.grouping || !state.grouping.grouping) return '';
    const g = groupOf().get(node);
    return '<h3>Group</h3>' + (g ? `<p><span class="swatch" style="background:${groupColor(g)}"></span>${esc(g)}</p>` : '<p class="err">in no group</p>');
  }

  // ---------------------------------------------------------------------------------------------
  // Runs view.

  function runNodes() {
    const map = new Map();
    if (!state.run) return map;
    for (const part of state.run.parts) for (const n of part.nodes) map.set(n.name, { ...n, group: part.group });
    return map;
  }

  function decorateRun() {
    for (const el of state.elements.values()) {
      el.classList.remove('st-completed', 'st-failed', 'st-cancelled', 'st-not_run');
      const d = el.querySelector('.dur'); if (d) d.remove();
    }
    if (state.view !== 'runs' || !state.run) return;
    const byName = runNodes();
    for (const [id, el] of state.elements) {
      const v = vertexOf(id);
      let records;
      if (v.kind === 'node') records = [byName.get(v.name)].filter(Boolean);
      else if (v.kind === 'ns') records = v.members.filter((m) => m.startsWith('n:')).map((m) => byName.get(m.slice(2))).filter(Boolean);
      else continue;
      if (!records.length) continue;
      const st = records.some((r) => r.state === 'failed') ? 'failed' : records.some((r) => r.state === 'cancelled') ? 'cancelled'
        : records.every((r) => r.state === 'completed') ? 'completed' : 'not_run';
      el.classList.add('st-' + st);
      const ms = records.reduce((s, r) => s + (r.duration_ms || 0), 0);
      const p = state.lay.pos.get(id);
      el.insertAdjacentHTML('beforeend', `<text class="dur" y="${p.h / 2 + 9}">${st.replace('_', ' ')} · ${fmtMs(ms)}</text>`);
    }
  }

  function fmtMs(ms) {
    return ms >= 60000 ? (ms / 60000).toFixed(1) + ' min' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(ms < 10 ? 1 : 0) + ' ms';
  }

  async function loadRuns() {
    if (!state.runs) state.runs = (await getJson('api/runs.json')).runs;
    const box = $('#run-list');
    if (!state.runs.length) { box.innerHTML = '<h3>Runs</h3><p class="hint">No runs in the journal (.sluice/runs) yet.</p>'; return; }
    box.innerHTML = `<h3>Last ${state.runs.length} run${state.runs.length === 1 ? '' : 's'}</h3><table><tbody>`
      + state.runs.map((r) => `<tr data-run="${esc(r.run_id)}" class="${state.run && state.run.run_id === r.run_id ? 'on' : ''}"><td>${esc(r.run_id)}<br><span class="hint">${esc(r.pipeline)} · ${esc((r.started_at || '').replace('T', ' ').slice(0, 19))}</span></td>`
        + `<td class="state ${esc(r.state)}">${esc(r.state)}</td><td>${r.duration_ms == null ? '' : fmtMs(r.duration_ms)}</td>`
        + `<td>${state.run && state.run.run_id !== r.run_id ? `<button data-compare="${esc(r.run_id)}" title="Compare node durations with the open run">⇆</button>` : ''}</td></tr>`).join('')
      + '</tbody></table>';
  }

  async function openRun(id) {
    state.run = await getJson(`api/runs/${fileName(id)}.json`);
    if (state.run.pipeline !== state.pipeline && state.index.pipelines.includes(state.run.pipeline)) {
      await loadPipeline(state.run.pipeline);
    }
    await loadRuns();
    decorate();
    renderGantt();
    if (state.selected) showDetails(state.selected);
    document.body.dataset.run = id;
  }

  /** The open run's node durations against run {@code other}'s, slowest change first. */
  async function compareRuns(other) {
    const b = await getJson(`api/runs/${fileName(other)}.json`);
    const a = state.run;
    const durations = (run) => {
      const m = new Map();
      for (const part of run.parts) for (const n of part.nodes) if (n.started_at) m.set(n.name, n.duration_ms || 0);
      return m;
    };
    const da = durations(a); const db = durations(b);
    const names = [...new Set([...da.keys(), ...db.keys()])];
    const rows = names.map((n) => ({ n, a: da.get(n), b: db.get(n) }))
      .sort((x, y) => Math.abs((y.a ?? 0) - (y.b ?? 0)) - Math.abs((x.a ?? 0) - (x.b ?? 0)));
    const cell = (v) => (v === undefined ? '<span class="hint">—</span>' : fmtMs(v));
    $('#compare').innerHTML = `<h3>Durations: ${esc(a.run_id)} vs ${esc(b.run_id)}</h3><table><thead><tr><th>node</th><th>open</th><th>other</th><th>change</th></tr></thead><tbody>`
      + rows.map((r) => `<tr data-node="${esc(r.n)}"><td>${esc(r.n)}</td><td>${cell(r.a)}</td><td>${cell(r.b)}</td>`
        + `<td>${r.a !== undefined && r.b !== undefined ? (r.a >= r.b ? '+' : '−') + fmtMs(Math.abs(r.a - r.b)) : ''}</td></tr>`).join('')
      + '</tbody></table>';
    document.body.dataset.compare = other;
  }

  function runDetails(node) {
    if (state.view !== 'runs' || !state.run) return '';
    const r = runNodes().get(node);
    if (!r) return '<h3>Run</h3><p class="hint">not in this run</p>';
    return '<h3>Run ' + esc(state.run.run_id) + '</h3>' + dl([['state', `<span class="state ${esc(r.state)}">${esc(r.state)}</span>`],
      ['part', esc(r.group)], ['started', esc(r.started_at || '')], ['duration', fmtMs(r.duration_ms || 0)],
      ['attempts', r.attempts]]) + (r.error ? `<pre class="err">${esc(r.error)}</pre>` : '');
  }

  function renderGantt() {
    const box = $('#gantt-box');
    if (state.view !== 'runs' || !state.run) { box.hidden = true; return; }
    box.hidden = false;
    $('#gantt-title').textContent = `Timeline of ${state.run.run_id} (${state.run.state})`;
    const rows = [];
    for (const part of state.run.parts) {
      rows.push({ part: `${part.group} · ${part.runner} · attempt ${part.attempt}` });
      for (const n of part.nodes) if (n.started_at) rows.push({ ...n, t: Date.parse(n.started_at) });
    }
    const starts = rows.filter((r) => r.t !== undefined);
    if (!starts.length) { $('#gantt').innerHTML = '<p class="hint">No node started.</p>'; return; }
    const t0 = Math.min(...starts.map((r) => r.t));
    const t1 = Math.max(...starts.map((r) => r.t + (r.duration_ms || 0)));
    const span = Math.max(t1 - t0, 1);
    const labelW = 260; const W = Math.max(600, $('#gantt').clientWidth - 20) - labelW - 80; const rowH = 18;
    let svg = '';
    rows.forEach((r, i) => {
      const y = i * rowH + 4;
      if (r.part) { svg += `<text class="part" x="4" y="${y + rowH / 2}">${esc(r.part)}</text>`; return; }
      const x = labelW + (r.t - t0) / span * W;
      const w = Math.max(2, (r.duration_ms || 0) / span * W);
      const color = { completed: '#51cf66', failed: '#fa5252', cancelled: '#fcc419' }[r.state] || '#adb5bd';
      svg += `<g class="gantt-row" data-node="${esc(r.name)}"><text x="4" y="${y + rowH / 2}">${esc(r.name)}</text>`
        + `<rect class="bar" x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 5}" fill="${color}"/>`
        + `<text x="${(x + w + 4).toFixed(1)}" y="${y + rowH / 2}">${fmtMs(r.duration_ms || 0)}</text></g>`;
    });
    $('#gantt').innerHTML = `<svg xmlns="${SVG_NS}" width="${labelW + W + 80}" height="${rows.length * rowH + 10}">${svg}</svg>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Views and loading.

  async function setView(view) {
    state.view = view;
    for (const b of document.querySelectorAll('#views button')) b.classList.toggle('on', b.dataset.view === view);
    $('#strategy-box').hidden = view !== 'deploy';
    $('#run-list').innerHTML = '';
    $('#compare').innerHTML = '';
    renderLegend();
    if (view === 'deploy') {
      if (!state.index.strategies.length) {
        $('#legend').innerHTML = '<p class="hint">Groupings need the project: run sluice viz in the project directory.</p>';
      } else if (!state.grouping) await loadGrouping();
    }
    if (view === 'runs') await loadRuns();
    decorate();
    renderGantt();
    if (state.selected) showDetails(state.selected);
    document.body.dataset.view = view;
  }

  /** Loads pipeline {@code name}; {@code keep} (a reload by --watch) restores what the user had open. */
  async function loadPipeline(name, keep) {
    const t0 = performance.now();
    const data = await getJson(`api/pipelines/${fileName(name)}.json`);
    timings.fetchMs = performance.now() - t0;
    const t1 = performance.now();
    state.pipeline = name;
    state.doc = data.document;
    state.configs = data.configs || {};
    state.model = buildModel(state.doc);
    timings.modelMs = performance.now() - t1;
    state.expanded = new Set();
    state.selected = null;
    state.grouping = null;
    state.tag = '';
    $('#pipeline').value = name;
    $('#tag').innerHTML = '<option value="">all</option>' + state.model.tags.map((t) => `<option>${esc(t)}</option>`).join('');
    if (keep) {
      for (const p of keep.expanded) if (state.model.namespaces.has(p)) state.expanded.add(p);
      if (state.model.tags.includes(keep.tag)) state.tag = keep.tag;
      $('#tag').value = state.tag;
      state.transform = keep.transform;
    } else if (state.doc.nodes.length <= 60) {
      // Small pipelines open expanded; large ones with their namespaces collapsed.
      for (const p of state.model.namespaces.keys()) state.expanded.add(p);
    }
    draw(!keep);
    if (keep && keep.selected && state.elements.has(keep.selected)) select(keep.selected); else showDetails(null);
    if (state.view === 'deploy' && state.strategy) await loadGrouping();
    renderLegend();
  }

  function wireControls() {
    $('#pipeline').addEventListener('change', (e) => loadPipeline(e.target.value));
    $('#views').addEventListener('click', (e) => { const b = e.target.closest('button'); if (b) setView(b.dataset.view); });
    $('#strategy').addEventListener('change', (e) => { state.strategy = e.target.value; loadGrouping(); });
    $('#merge-box').addEventListener('change', () => {
      const n = (sel) => Math.max(0, Math.floor(Number($(sel).value) || 0));
      state.merge = { target: n('#merge-target'), cost: n('#merge-cost'), tag: $('#merge-tag').value.trim() };
      loadGrouping();
    });
    $('#problems').addEventListener('click', (e) => {
      const li = e.target.closest('li.problem-item');
      if (!li) return;
      const p = state.grouping.check.problems[Number(li.dataset.index)];
      const first = (p.nodes || []).map((n) => 'n:' + n).concat((p.datasets || []).map((d) => 'd:' + d))
        .map((id) => state.visible.rep.get(id)).find((id) => id && state.elements.has(id));
      if (first) { if (!first.startsWith('ns:')) select(first); centerOn(first); }
    });
    $('#tag').addEventListener('change', (e) => { state.tag = e.target.value; draw(true); });
    $('#search').addEventListener('input', (e) => { state.search = e.target.value; decorate(); });
    $('#search').addEventListener('keydown', (e) => { if (e.key === 'Enter') goToSearch(); });
    $('#fit').addEventListener('click', () => fitView());
    $('#tidy').addEventListener('click', () => { state.layouts.clear(); draw(true); });
    $('#expand-all').addEventListener('click', () => { for (const p of state.model.namespaces.keys()) state.expanded.add(p); draw(true); });
    $('#collapse-all').addEventListener('click', () => { state.expanded.clear(); draw(true); });
    $('#run-list').addEventListener('click', (e) => {
      const cmp = e.target.closest('button[data-compare]');
      if (cmp) { compareRuns(cmp.dataset.compare); return; }
      const tr = e.target.closest('tr[data-run]');
      if (tr) openRun(tr.dataset.run);
    });
    $('#legend').addEventListener('click', (e) => {
      const li = e.target.closest('li[data-group]');
      if (!li) return;
      const g = state.grouping.grouping.groups.find((x) => x.id === li.dataset.group);
      const first = g && g.nodes[0];
      if (first) { select(state.visible.rep.get('n:' + first)?.startsWith('n:') ? 'n:' + first : null); }
    });
    $('#gantt').addEventListener('click', (e) => {
      const row = e.target.closest('[data-node]');
      if (row && state.visible.rep.get('n:' + row.dataset.node) === 'n:' + row.dataset.node) { select('n:' + row.dataset.node); centerOn('n:' + row.dataset.node); }
    });
    $('#gantt-close').addEventListener('click', () => { $('#gantt-box').hidden = true; });
    setupPanZoom();
  }

  function fillSelectors() {
    $('#pipeline').innerHTML = state.index.pipelines.map((p) => `<option>${esc(p)}</option>`).join('');
    $('#strategy').innerHTML = state.index.strategies.map((s) => `<option>${esc(s)}</option>`).join('');
    $('#merge-box').hidden = !state.index.merges;
  }

  // ---------------------------------------------------------------------------------------------
  // sluice viz --watch: the server counts versions of the project in api/version.json (404 when it
  // does not watch, and in a static export); on a new version the page reloads its data and keeps
  // the view, pipeline, expanded namespaces, tag, selection, open run and zoom. A version whose
  // reload failed carries the error, shown in a banner until a good version replaces it.

  const WATCH_MS = 1000;

  function showWatchError(error) {
    const banner = $('#watch-error');
    banner.hidden = !error;
    $('#watch-error-text').textContent = error || '';
    if (error) document.body.dataset.watchError = error; else delete document.body.dataset.watchError;
  }

  async function reloadAll() {
    const keep = {
      pipeline: state.pipeline, view: state.view, strategy: state.strategy, tag: state.tag,
      expanded: new Set(state.expanded), selected: state.selected, transform: { ...state.transform },
      run: state.run && state.run.run_id,
    };
    state.index = await getJson('api/pipelines.json');
    fillSelectors();
    state.strategy = state.index.strategies.includes(keep.strategy) ? keep.strategy : state.index.strategies[0] || null;
    if (state.strategy) $('#strategy').value = state.strategy;
    state.layouts = new Map();
    state.subLayouts = new Map();
    state.runs = null;
    state.run = null;
    await loadPipeline(state.index.pipelines.includes(keep.pipeline) ? keep.pipeline : state.index.default, keep);
    if (keep.view === 'runs' && keep.run) {
      try { state.run = await getJson(`api/runs/${fileName(keep.run)}.json`); } catch (e) { state.run = null; }
    }
    await setView(keep.view);
  }

  async function watch() {
    let known;
    try {
      const r = await fetch('api/version.json', { cache: 'no-store' });
      if (!r.ok) return; // not watching
      known = await r.json();
    } catch (e) {
      return;
    }
    document.body.dataset.version = known.version;
    showWatchError(known.error);
    const tick = async () => {
      try {
        const v = await getJson('api/version.json');
        if (v.version !== known.version) {
          if (!v.error) await reloadAll();
          known = v;
          document.body.dataset.version = v.version;
          showWatchError(v.error);
        }
      } catch (e) {
        // the server restarting or the reload half done: try again on the next tick
      }
      setTimeout(tick, WATCH_MS);
    };
    setTimeout(tick, WATCH_MS);
  }

  async function main() {
    wireControls();
    try {
      state.index = await getJson('api/pipelines.json');
      fillSelectors();
      state.strategy = state.index.strategies[0] || null;
      const params = new URLSearchParams(location.search);
      const first = params.get('pipeline') || state.index.default;
      await loadPipeline(first);
      if (params.get('view')) await setView(params.get('view'));
      timings.readyMs = performance.now();
      document.body.dataset.ready = '1';
      watch();
    } catch (e) {
      $('#details').innerHTML = `<p class="err">${esc(e.message)}</p>`;
      document.body.dataset.error = e.message;
      throw e;
    }
  }

  /** For tests and the benchmark: the drawn graph and the timings. */
  window.sluiceViz = {
    timings,
    drawn: () => ({
      vertices: state.visible.ids.slice(),
      edges: state.visible.edges.map(([a, b]) => a + ' -> ' + b),
    }),
    expand: (path) => toggleNamespace(path, true),
    collapse: (path) => toggleNamespace(path, false),
    /** Pairs of drawn boxes that overlap (a splice must never put one box on another). */
    overlaps: () => {
      const boxes = [...state.lay.pos.entries()].map(([id, p]) => ({ id, x1: p.x - p.w / 2, x2: p.x + p.w / 2, y1: p.y - p.h / 2, y2: p.y + p.h / 2 }))
        .sort((a, b) => a.x1 - b.x1);
      const out = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length && boxes[j].x1 < boxes[i].x2; j++) {
          if (boxes[j].y1 < boxes[i].y2 && boxes[i].y1 < boxes[j].y2) out.push(boxes[i].id + ' / ' + boxes[j].id);
        }
      }
      return out;
    },
    expandAll: () => { for (const p of state.model.namespaces.keys()) state.expanded.add(p); draw(true); },
  };

  main();
})();
