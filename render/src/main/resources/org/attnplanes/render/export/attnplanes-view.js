/* AttentionPlanes interactive view. Draws the multi-planar attention graph held in the JSON block
   #attnplanes-data on a 2D canvas with a perspective projection (the camera model of the PNG/SVG figures:
   orbit around a target, yaw about z, pitch above the xy plane). No library, no network. User text (tokens,
   titles) is only ever written with textContent or canvas fillText. */
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('attnplanes-data').textContent);
  const $ = (id) => document.getElementById(id);
  const canvas = $('view');
  const ctx = canvas.getContext('2d');
  const tip = $('tip');
  const N = D.nodes.n;
  const E = D.edges.w.length;
  const NL = D.links.s.length;
  const nodePlane = D.nodes.plane;

  // ---- state --------------------------------------------------------------------------------------------
  const S = {
    yaw: D.camera.yaw, pitch: D.camera.pitch, dist: D.camera.distance, target: D.camera.target.slice(),
    fov: D.camera.fov, threshold: 0, gamma: D.enc.gamma, enc: new Set(D.enc.on), hiddenLayers: new Set(),
    labels: $('labels').checked, view: D.grid ? 'grid' : 'stack',
    gz: 1, gx: 0, gy: 0       // the grid's zoom and pan (px), applied about its top-left corner
  };
  // per-head graphs: a layer × head grid of small planes seen from above (render's HeadGrid), or the 3D stack
  const inGrid = () => S.view === 'grid' && D.grid;
  const planeByIndex = new Map(D.planes.map((p) => [p.index, p]));
  const layerOf = (plane) => (planeByIndex.has(plane) ? planeByIndex.get(plane).layer : 0);
  const planeVisible = (plane) => !S.hiddenLayers.has(layerOf(plane));

  // edges are plane-major: remember where each plane's edges start and end
  const edgeRange = new Map();
  for (let k = 0; k < E; k++) {
    const p = nodePlane[D.edges.s[k]];
    const r = edgeRange.get(p);
    if (r) { r[1] = k + 1; } else { edgeRange.set(p, [k, k + 1]); }
  }
  const heads = new Set(D.edges.head.filter((h) => h >= 0));
  const headHue = D.enc.headHue || heads.size > 1;

  // ---- edge styles (the formulas of render's EdgeEncoding) -----------------------------------------------
  const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16));
  const cssOf = (c) => 'rgb(' + c[0] + ',' + c[1] + ',' + c[2] + ')';
  const lut = D.enc.lut.map((h) => cssOf(rgbOf(h)));
  const tab10 = D.enc.tab10.map((h) => cssOf(rgbOf(h)));
  const baseCss = cssOf(rgbOf(D.enc.base));
  const eColour = new Array(E);
  const eAlpha = new Float32Array(E);
  const eWidth = new Float32Array(E);

  function contrast(w) {
    const a = Math.min(1, Math.abs(w));
    return S.gamma === 1 ? a : Math.pow(a, S.gamma);
  }

  function restyle() {
    const colour = S.enc.has('colour'), opacity = S.enc.has('opacity'), width = S.enc.has('width');
    const e = D.enc;
    for (let k = 0; k < E; k++) {
      const w = Math.max(-1, Math.min(1, D.edges.w[k] / e.scale));
      const c = contrast(w);
      let rgb = baseCss;
      const h = D.edges.head[k];
      if (headHue && h >= 0) { rgb = tab10[h % tab10.length]; }
      if (colour) {
        const t = e.diverging ? (1 + Math.sign(w) * c) / 2 : c;
        rgb = lut[Math.round(t * (lut.length - 1))];
      }
      eColour[k] = rgb;
      eAlpha[k] = opacity ? e.minAlpha + (e.maxAlpha - e.minAlpha) * c : e.baseAlpha;
      eWidth[k] = width ? e.minWidth + (e.maxWidth - e.minWidth) * c : e.baseWidth;
    }
    describeEncoding();
  }

  const num = (v) => String(Math.round(v * 1000) / 1000);

  function describeEncoding() {
    const e = D.enc, g = S.gamma === 1 ? '|w|' : '|w|^' + num(S.gamma), parts = [];
    if (headHue && !S.enc.has('colour')) { parts.push('hue per head (10 categorical colours, cycling)'); }
    if (S.enc.has('colour')) {
      parts.push('colour ' + e.map + (e.diverging ? ' (−' + num(e.scale) + ' blue, 0 white, +' + num(e.scale)
        + ' red)' : '') + ' ∝ ' + g);
    }
    if (S.enc.has('opacity')) { parts.push('opacity ' + num(e.minAlpha) + '–' + num(e.maxAlpha) + ' ∝ ' + g); }
    if (S.enc.has('width')) { parts.push('width ' + num(e.minWidth) + '–' + num(e.maxWidth) + ' px ∝ ' + g); }
    if (S.enc.has('length')) { parts.push('length: nodes placed by a distance layout, strong edges short'); }
    const fixed = [];
    if (!S.enc.has('colour') && !headHue) { fixed.push('colour ' + e.base); }
    if (!S.enc.has('opacity')) { fixed.push('opacity ' + num(e.baseAlpha)); }
    if (!S.enc.has('width')) { fixed.push('width ' + num(e.baseWidth) + ' px'); }
    if (fixed.length) { parts.push('fixed ' + fixed.join(', ')); }
    $('legend-encoding').textContent = 'encoding: ' + parts.join('; ') + '; gamma ' + num(S.gamma)
      + '; display threshold |w| ≥ ' + num(S.threshold);
    const bar = $('colour-bar');
    bar.hidden = !S.enc.has('colour');
    if (!bar.hidden) {
      const b = bar.getContext('2d');
      for (let i = 0; i < bar.width; i++) {
        b.fillStyle = lut[Math.round(i / (bar.width - 1) * (lut.length - 1))];
        b.fillRect(i, 0, 1, bar.height);
      }
    }
  }

  // ---- projection (render's Camera + Projection) ---------------------------------------------------------
  const sx = new Float64Array(N), sy = new Float64Array(N), sd = new Float64Array(N);
  let eye, fwd, right, up, focal, viewW = 1, viewH = 1;

  function basis() {
    const yaw = S.yaw * Math.PI / 180, pitch = S.pitch * Math.PI / 180;
    const dir = [Math.cos(pitch) * Math.cos(yaw), Math.cos(pitch) * Math.sin(yaw), Math.sin(pitch)];
    eye = [0, 1, 2].map((i) => S.target[i] + dir[i] * S.dist);
    fwd = dir.map((v) => -v);
    right = normalize([fwd[1], -fwd[0], 0]);            // fwd × (0, 0, 1)
    up = [right[1] * fwd[2] - right[2] * fwd[1], right[2] * fwd[0] - right[0] * fwd[2],
      right[0] * fwd[1] - right[1] * fwd[0]];           // right × fwd
    focal = (viewH / 2) / Math.tan(S.fov * Math.PI / 360);
  }

  function normalize(v) {
    const l = Math.hypot(v[0], v[1], v[2]) || 1;
    return [v[0] / l, v[1] / l, v[2] / l];
  }

  function project(x, y, z, out) {
    const dx = x - eye[0], dy = y - eye[1], dz = z - eye[2];
    const d = dx * fwd[0] + dy * fwd[1] + dz * fwd[2];
    const s = focal / Math.max(d, 1e-6);
    out[0] = viewW / 2 + s * (dx * right[0] + dy * right[1] + dz * right[2]);
    out[1] = viewH / 2 - s * (dx * up[0] + dy * up[1] + dz * up[2]);
    out[2] = d;
    return out;
  }

  function projectNodes() {
    const useLength = S.enc.has('length') && D.nodes.lx;
    const xs = useLength ? D.nodes.lx : D.nodes.x, ys = useLength ? D.nodes.ly : D.nodes.y;
    const p = [0, 0, 0];
    if (inGrid()) {
      layoutGrid(xs, ys);
      for (let i = 0; i < N; i++) {
        if (!cellMap.has(nodePlane[i])) { sd[i] = -1; continue; }
        mapXY(nodePlane[i], xs[i], ys[i], p);
        sx[i] = p[0]; sy[i] = p[1]; sd[i] = 1;
      }
      return;
    }
    for (let i = 0; i < N; i++) {
      project(xs[i], ys[i], D.nodes.z[i], p);
      sx[i] = p[0]; sy[i] = p[1]; sd[i] = p[2];
    }
  }

  // ---- drawing -------------------------------------------------------------------------------------------
  // the drawn edges in drawing order, with the screen control point of each one drawn as a quadratic arc (else NaN)
  const drawnCx = new Float64Array(E), drawnCy = new Float64Array(E);
  let drawn = new Int32Array(E), drawnCount = 0, labelCount = 0, labelCandidates = 0, pending = false;

  function planeOrder() {
    const p = [0, 0, 0];
    return D.planes.filter((pl) => planeVisible(pl.index)).map((pl) => {
      project((pl.minX + pl.maxX) / 2, (pl.minY + pl.maxY) / 2, pl.z, p);
      return { plane: pl, depth: p[2] };
    }).sort((a, b) => b.depth - a.depth).map((o) => o.plane);
  }

  function planeBounds(pl) {
    // the rectangle around the plane's nodes in the current layout (length moves the nodes)
    if (!(S.enc.has('length') && D.nodes.lx)) { return pl; }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < N; i++) {
      if (nodePlane[i] !== pl.index) { continue; }
      minX = Math.min(minX, D.nodes.lx[i]); maxX = Math.max(maxX, D.nodes.lx[i]);
      minY = Math.min(minY, D.nodes.ly[i]); maxY = Math.max(maxY, D.nodes.ly[i]);
    }
    const m = 0.12;
    return { minX: minX - m, minY: minY - m, maxX: maxX + m, maxY: maxY + m, z: pl.z };
  }

  // planes whose tokens lie on one line (the line layout): their edges are drawn as arcs in the plane, as in the
  // PNG/SVG figures (SceneBuilder.ARC_DEPTH), since a straight edge would run along the line over other tokens
  const ARC_DEPTH = 0.25;
  const onLine = new Set();
  (function () {
    const lo = new Map(), hi = new Map(), count = new Map();
    for (let i = 0; i < N; i++) {
      const pl = nodePlane[i], y = D.nodes.y[i];
      lo.set(pl, Math.min(lo.has(pl) ? lo.get(pl) : Infinity, y));
      hi.set(pl, Math.max(hi.has(pl) ? hi.get(pl) : -Infinity, y));
      count.set(pl, (count.get(pl) || 0) + 1);
    }
    count.forEach((c, pl) => { if (c >= 3 && hi.get(pl) - lo.get(pl) < 1e-9) { onLine.add(pl); } });
  }());

  // ---- the grid ------------------------------------------------------------------------------------------
  const cellRect = new Map();   // plane index → [x0, y0, x1, y1] on screen
  const cellMap = new Map();    // plane index → how its (x, y) map into its cell
  const GRID_LEFT = 64, GRID_TOP = 22, GRID_PAD = 6;
  // the grid at zoom 1 and no pan is laid out to fit the canvas; zoom and pan map that layout to the screen
  const gridX = (x) => GRID_LEFT + S.gx + (x - GRID_LEFT) * S.gz;
  const gridY = (y) => GRID_TOP + S.gy + (y - GRID_TOP) * S.gz;
  // the cells are drawn (and hit) only right of the row titles and below the column titles
  const inGridArea = (x, y) => x >= GRID_LEFT && y >= GRID_TOP && x <= viewW && y <= viewH;

  function gridBottom() {
    return S.labels ? (onLine.size > 0 ? 84 : 22) : 8;
  }

  function layoutGrid(xs, ys) {
    const rows = D.grid.rows.length, cols = D.grid.cols.length;
    const cw = Math.max(12, (viewW - GRID_LEFT - 8) / cols);
    const ch = Math.max(12, (viewH - GRID_TOP - gridBottom()) / rows);
    const lo = new Map(), hi = new Map();
    for (let i = 0; i < N; i++) {
      const pl = nodePlane[i], a = lo.get(pl), b = hi.get(pl);
      if (!a) { lo.set(pl, [xs[i], ys[i]]); hi.set(pl, [xs[i], ys[i]]); continue; }
      a[0] = Math.min(a[0], xs[i]); a[1] = Math.min(a[1], ys[i]);
      b[0] = Math.max(b[0], xs[i]); b[1] = Math.max(b[1], ys[i]);
    }
    cellRect.clear();
    cellMap.clear();
    for (const pl of D.planes) {
      if (pl.row === undefined || !lo.has(pl.index)) { continue; }
      const x0 = GRID_LEFT + pl.col * cw, y0 = GRID_TOP + pl.row * ch;
      const r = [gridX(x0 + 2), gridY(y0 + 2), gridX(x0 + cw - 2), gridY(y0 + ch - 2)];
      cellRect.set(pl.index, r);
      const a = lo.get(pl.index), b = hi.get(pl.index);
      const w = Math.max(1e-9, b[0] - a[0]), h = Math.max(1e-9, b[1] - a[1]), pad = GRID_PAD * S.gz;
      const availW = Math.max(1, r[2] - r[0] - 2 * pad), availH = Math.max(1, r[3] - r[1] - 2 * pad);
      if (arcsIn(pl.index)) {
        // tokens on a baseline near the bottom, each edge an arc above it (its top at ARC_DEPTH × its span)
        cellMap.set(pl.index, { bx: a[0], by: a[1], ox: r[0] + pad, oy: r[3] - pad,
          kx: availW / w, ky: availH / (ARC_DEPTH * w) });
      } else {
        const k = Math.min(availW / w, availH / h);
        cellMap.set(pl.index, { bx: (a[0] + b[0]) / 2, by: (a[1] + b[1]) / 2, ox: (r[0] + r[2]) / 2,
          oy: (r[1] + r[3]) / 2, kx: k, ky: k });
      }
    }
  }

  function mapXY(plane, x, y, out) {
    const m = cellMap.get(plane);
    out[0] = m.ox + (x - m.bx) * m.kx;
    out[1] = m.oy - (y - m.by) * m.ky;
    return out;
  }

  // whether a plane's edges are drawn as arcs (tokens on a line, no length layout)
  const arcsIn = (plane) => onLine.has(plane) && !(S.enc.has('length') && D.nodes.lx);

  function radiusPx(i) {
    if (inGrid()) {
      const m = cellMap.get(nodePlane[i]);
      return m ? Math.max(1.2, Math.min(4 * Math.sqrt(S.gz), D.nodes.r[i] * m.kx)) : 0;
    }
    return Math.max(1.2, D.nodes.r[i] * focal / sd[i]);
  }

  const shortTitle = (t) => t.replace(/^layer /, 'L').replace(/^head /, 'h');

  function drawGridCells(planes) {
    for (const pl of planes) {
      const r = cellRect.get(pl.index);
      if (!r) { continue; }
      ctx.fillStyle = pl.fill;
      ctx.fillRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
      ctx.strokeStyle = pl.border;
      ctx.lineWidth = 1;
      ctx.strokeRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
    }
  }

  // row titles left of the grid, column titles above it, following zoom and pan (like a spreadsheet's frozen
  // headers); abbreviated (L3, h7) when they would not fit
  function drawGridTitles() {
    ctx.font = '11px sans-serif';
    const rows = D.grid.rows.length, cols = D.grid.cols.length;
    const cw = Math.max(12, (viewW - GRID_LEFT - 8) / cols), ch = Math.max(12, (viewH - GRID_TOP - gridBottom()) / rows);
    ctx.fillStyle = '#3a4660';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    D.grid.rows.forEach((t, r) => {
      const text = ctx.measureText(t).width > GRID_LEFT - 8 ? shortTitle(t) : t, y = gridY(GRID_TOP + (r + 0.5) * ch);
      if (ch * S.gz >= 9 && y >= GRID_TOP && y <= viewH) { ctx.fillText(text, GRID_LEFT - 6, y); }
    });
    ctx.textAlign = 'center';
    const wide = D.grid.cols.some((t) => ctx.measureText(t).width > cw * S.gz - 4);
    D.grid.cols.forEach((t, c) => {
      const text = wide ? shortTitle(t) : t, x = gridX(GRID_LEFT + (c + 0.5) * cw);
      if (ctx.measureText(text).width <= cw * S.gz && x >= GRID_LEFT && x <= viewW) {
        ctx.fillText(text, x, GRID_TOP / 2);
      }
    });
    ctx.textAlign = 'start';
    ctx.textBaseline = 'alphabetic';
  }

  let lastDrawMs = 0, drawnGrid = { zoom: 1, x: 0, y: 0 }, drawnCamera = null;

  function draw() {
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    viewW = canvas.clientWidth || 800;
    viewH = canvas.clientHeight || 500;
    if (canvas.width !== Math.round(viewW * dpr) || canvas.height !== Math.round(viewH * dpr)) {
      canvas.width = Math.round(viewW * dpr);
      canvas.height = Math.round(viewH * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, viewW, viewH);
    basis();
    projectNodes();
    const planes = planeOrder();
    const p = [0, 0, 0];
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    if (inGrid()) {
      drawGridTitles();
      ctx.save();
      ctx.beginPath();
      ctx.rect(GRID_LEFT, GRID_TOP, viewW - GRID_LEFT, viewH - GRID_TOP);
      ctx.clip();
      drawGridCells(planes);
    }
    for (const pl of (inGrid() ? [] : planes)) {
      const b = planeBounds(pl);
      ctx.beginPath();
      [[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]].forEach((c, i) => {
        project(c[0], c[1], b.z, p);
        if (i === 0) { ctx.moveTo(p[0], p[1]); } else { ctx.lineTo(p[0], p[1]); }
      });
      ctx.closePath();
      ctx.fillStyle = pl.fill;
      ctx.fill();
      ctx.strokeStyle = pl.border;
      ctx.lineWidth = 1;
      ctx.stroke();
      project(b.minX, b.maxY, b.z, p);
      ctx.fillStyle = pl.border;
      ctx.font = '11px sans-serif';
      ctx.fillText(pl.title, p[0] + 3, p[1] - 3);
    }
    for (let k = 0; k < (inGrid() ? 0 : NL); k++) {
      const a = D.links.s[k], b = D.links.t[k];
      if (!planeVisible(nodePlane[a]) || !planeVisible(nodePlane[b])) { continue; }
      ctx.strokeStyle = D.links.colour[k];
      ctx.lineWidth = D.links.width[k];
      ctx.beginPath();
      ctx.moveTo(sx[a], sy[a]);
      ctx.lineTo(sx[b], sy[b]);
      ctx.stroke();
    }
    drawnCount = 0;
    let lastColour = '', lastWidth = -1, lastAlpha = -1;
    const cp = [0, 0, 0];
    for (const pl of planes) {
      const r = edgeRange.get(pl.index);
      if (!r) { continue; }
      const arcs = arcsIn(pl.index), grid = inGrid();
      if (grid && !cellMap.has(pl.index)) { continue; }
      for (let k = r[0]; k < r[1]; k++) {
        if (Math.abs(D.edges.w[k]) < S.threshold) { continue; }
        const a = D.edges.s[k], b = D.edges.t[k];
        if (eColour[k] !== lastColour) { ctx.strokeStyle = lastColour = eColour[k]; }
        if (eWidth[k] !== lastWidth) { ctx.lineWidth = lastWidth = eWidth[k]; }
        if (eAlpha[k] !== lastAlpha) { ctx.globalAlpha = lastAlpha = eAlpha[k]; }
        ctx.beginPath();
        ctx.moveTo(sx[a], sy[a]);
        if (arcs) {
          const xa = D.nodes.x[a], xb = D.nodes.x[b];
          if (grid) {
            mapXY(pl.index, (xa + xb) / 2, D.nodes.y[a] + 2 * ARC_DEPTH * Math.abs(xb - xa), cp);
          } else {
            project((xa + xb) / 2, D.nodes.y[a] + 2 * ARC_DEPTH * Math.abs(xb - xa), D.nodes.z[a], cp);
          }
          ctx.quadraticCurveTo(cp[0], cp[1], sx[b], sy[b]);
          drawnCx[drawnCount] = cp[0];
          drawnCy[drawnCount] = cp[1];
        } else {
          ctx.lineTo(sx[b], sy[b]);
          drawnCx[drawnCount] = NaN;
        }
        ctx.stroke();
        drawn[drawnCount++] = k;
      }
    }
    ctx.globalAlpha = 1;
    for (const pl of planes) {
      for (let i = 0; i < N; i++) {
        if (nodePlane[i] !== pl.index || sd[i] <= 1e-6) { continue; }
        ctx.fillStyle = D.nodes.colour[i];
        ctx.beginPath();
        ctx.arc(sx[i], sy[i], radiusPx(i), 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    drawLabels(planes);
    if (inGrid()) { ctx.restore(); }
    // the grid is seen from above and does not rotate: its hint says what works there
    const hint = document.getElementById('controls-hint');
    if (hint) {
      hint.textContent = inGrid() ? 'drag: pan · wheel: zoom · hover: token and weight · the 3D stack (switch above)'
        + ' rotates' : 'drag: rotate · shift-drag: pan · wheel: zoom · hover: token and weight';
    }
    $('status').textContent = drawnCount + ' of ' + E + ' edges shown (|w| ≥ ' + num(S.threshold) + ') · '
      + planes.length + ' of ' + D.planes.length + ' planes'
      + (inGrid() ? ' · grid of ' + D.grid.rows.length + ' layers × ' + D.grid.cols.length + ' heads (links between'
        + ' layers are drawn in the 3D stack)' : '')
      + (S.labels ? ' · ' + labelCount + ' of ' + labelCandidates + ' labels (the rest overlap; hover a node)' : '');
    drawnGrid = { zoom: S.gz, x: S.gx, y: S.gy };
    drawnCamera = { yaw: S.yaw, pitch: S.pitch, distance: S.dist, target: S.target.slice() };
    lastDrawMs = performance.now() - started;
  }

  // Token labels of the lowest visible plane (and the classifier plane), thinned so that none overlap.
  function drawLabels(planes) {
    labelCount = 0;
    labelCandidates = 0;
    if (!S.labels || planes.length === 0) { return; }
    const lowest = inGrid()
      ? planes.filter((pl) => cellRect.has(pl.index)).reduce((a, b) => (a && (a.row > b.row
        || (a.row === b.row && a.col <= b.col)) ? a : b), null)
      : planes.filter((pl) => pl.layer >= 0).reduce((a, b) => (a && a.z <= b.z ? a : b), null);
    const boxes = [];
    ctx.font = inGrid() ? '11px sans-serif' : '12px sans-serif';
    ctx.fillStyle = '#1a1a24';
    if (inGrid() && lowest && arcsIn(lowest.index)) {
      // tokens on a baseline: vertical labels under the bottom-left cell, reading downwards, none overlapping
      const top = cellRect.get(lowest.index)[3] + 4, room = viewH - top - 2;
      for (let i = 0; i < N; i++) {
        if (nodePlane[i] !== lowest.index) { continue; }
        labelCandidates++;
        let text = D.nodes.label[i];
        while (text.length > 1 && ctx.measureText(text).width > room) { text = text.slice(0, -2) + '…'; }
        const box = [sx[i] - 6, top, sx[i] + 6, top + ctx.measureText(text).width];
        if (boxes.some((o) => box[0] < o[2] && o[0] < box[2])) { continue; }
        boxes.push(box);
        ctx.save();
        ctx.translate(sx[i] - 4, top);
        ctx.rotate(Math.PI / 2);
        ctx.fillText(text, 0, 0);
        ctx.restore();
        labelCount++;
      }
      return;
    }
    for (let i = 0; i < N; i++) {
      const pl = planeByIndex.get(nodePlane[i]);
      if (!pl || !planeVisible(pl.index) || (pl !== lowest && pl.layer >= 0) || sd[i] <= 1e-6) { continue; }
      labelCandidates++;
      const text = D.nodes.label[i];
      const w = ctx.measureText(text).width, x = sx[i] + 4, y = sy[i] - 4;
      const box = [x - 1, y - 11, x + w + 1, y + 3];
      if (boxes.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) { continue; }
      boxes.push(box);
      ctx.fillText(text, x, y);
      labelCount++;
    }
  }

  function requestDraw() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; draw(); });
    }
  }

  // ---- hover ---------------------------------------------------------------------------------------------
  const quote = (i) => '“' + D.nodes.label[i] + '”';
  const fmt = (v) => (v === null || v === undefined ? '–' : Number(v).toPrecision(3));

  function nodeAt(x, y) {
    let best = -1, bestD = Infinity;
    for (let i = 0; i < N; i++) {
      if (!planeVisible(nodePlane[i]) || sd[i] <= 1e-6) { continue; }
      const d = Math.hypot(sx[i] - x, sy[i] - y);
      const reach = Math.max(6, radiusPx(i) + 2);
      if (d <= reach && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  // distance from (x, y) to the segment (x0, y0)–(x1, y1)
  function segmentDistance(x, y, x0, y0, x1, y1) {
    const vx = x1 - x0, vy = y1 - y0, len2 = vx * vx + vy * vy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * vx + (y - y0) * vy) / len2)) : 0;
    return Math.hypot(x0 + t * vx - x, y0 + t * vy - y);
  }

  // distance from (x, y) to the quadratic curve from P0 over the control point C to P1, as drawn by
  // quadraticCurveTo: to a polyline of n chords through the curve, which stays within |P0 − 2C + P1| / (4 n²) of it
  // (the second derivative is the constant 2 (P0 − 2C + P1)); n = ⌈√|P0 − 2C + P1|⌉ keeps that under 0.25 px
  function curveDistance(x, y, x0, y0, cx, cy, x1, y1) {
    const n = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(Math.hypot(x0 - 2 * cx + x1, y0 - 2 * cy + y1)))));
    let best = Infinity, px = x0, py = y0;
    for (let i = 1; i <= n; i++) {
      const t = i / n, u = 1 - t;
      const qx = u * u * x0 + 2 * u * t * cx + t * t * x1, qy = u * u * y0 + 2 * u * t * cy + t * t * y1;
      best = Math.min(best, segmentDistance(x, y, px, py, qx, qy));
      px = qx;
      py = qy;
    }
    return best;
  }

  // the drawn edge nearest to (x, y) within reach, hit-tested on what was drawn: the segment, or the arc
  function edgeAt(x, y) {
    let best = -1, bestD = Infinity;
    for (let n = 0; n < drawnCount; n++) {
      const k = drawn[n], a = D.edges.s[k], b = D.edges.t[k], reach = Math.max(4, eWidth[k] / 2 + 2);
      const cx = drawnCx[n], cy = drawnCy[n];
      let d;
      if (Number.isNaN(cx)) {
        d = segmentDistance(x, y, sx[a], sy[a], sx[b], sy[b]);
      } else {
        // the curve lies inside the triangle of its three points: skip it when (x, y) is far from that
        if (x < Math.min(sx[a], cx, sx[b]) - reach || x > Math.max(sx[a], cx, sx[b]) + reach
          || y < Math.min(sy[a], cy, sy[b]) - reach || y > Math.max(sy[a], cy, sy[b]) + reach) { continue; }
        d = curveDistance(x, y, sx[a], sy[a], cx, cy, sx[b], sy[b]);
      }
      if (d <= reach && d < bestD) { best = k; bestD = d; }
    }
    return best;
  }

  function hover(x, y) {
    const outside = inGrid() && !inGridArea(x, y);
    const i = outside ? -1 : nodeAt(x, y);
    let text = null;
    if (outside) {
      text = null;
    } else if (i >= 0) {
      const pl = planeByIndex.get(nodePlane[i]);
      text = quote(i) + '\n' + (pl ? pl.title : '') + ' · token ' + D.nodes.node[i];
      if (D.nodes.self[i] !== null) { text += '\nself weight ' + fmt(D.nodes.self[i]); }
      if (D.nodes.inNode[i] >= 0) { text += '\nstrongest in: ' + quote(D.nodes.inNode[i]) + ' ' + fmt(D.nodes.inW[i]); }
      if (D.nodes.outNode[i] >= 0) { text += '\nstrongest out: ' + quote(D.nodes.outNode[i]) + ' ' + fmt(D.nodes.outW[i]); }
    } else {
      const k = edgeAt(x, y);
      if (k >= 0) {
        const a = D.edges.s[k], b = D.edges.t[k], pl = planeByIndex.get(nodePlane[a]);
        text = quote(a) + (D.edges.directed ? ' → ' : ' ↔ ') + quote(b) + '\n' + (pl ? pl.title : '')
          + '\nweight ' + fmt(D.edges.w[k]) + ' (normalized), raw ' + fmt(D.edges.raw[k]);
      }
    }
    tip.hidden = text === null;
    if (text !== null) {
      tip.textContent = text;
      tip.style.left = Math.min(x + 14, Math.max(0, viewW - 260)) + 'px';
      tip.style.top = (y + 14) + 'px';
    }
  }

  // ---- controls ------------------------------------------------------------------------------------------
  let drag = null;
  canvas.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, pan: e.shiftKey || e.button === 2 };
    canvas.setPointerCapture(e.pointerId);
    canvas.classList.add('dragging');
    tip.hidden = true;
  });
  canvas.addEventListener('pointerup', (e) => {
    drag = null;
    canvas.releasePointerCapture(e.pointerId);
    canvas.classList.remove('dragging');
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) { hover(e.offsetX, e.offsetY); return; }
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    drag.x = e.clientX;
    drag.y = e.clientY;
    if (inGrid()) {
      // the grid is seen from above: any drag pans it
      S.gx += dx;
      S.gy += dy;
    } else if (drag.pan) {
      const k = 2 * S.dist * Math.tan(S.fov * Math.PI / 360) / viewH;
      for (let i = 0; i < 3; i++) { S.target[i] += -dx * k * right[i] + dy * k * up[i]; }
    } else {
      S.yaw -= dx * 0.4;
      S.pitch = Math.max(-89, Math.min(89, S.pitch + dy * 0.4));
    }
    requestDraw();
  });
  canvas.addEventListener('pointerleave', () => { tip.hidden = true; });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const f = Math.exp(Math.max(-200, Math.min(200, e.deltaY)) * 0.0015);
    if (inGrid()) {
      // zoom about the pointer: the point of the grid under it stays under it
      const z = Math.max(0.25, Math.min(64, S.gz / f)), g = z / S.gz;
      S.gx = (e.offsetX - GRID_LEFT) * (1 - g) + g * S.gx;
      S.gy = (e.offsetY - GRID_TOP) * (1 - g) + g * S.gy;
      S.gz = z;
      tip.hidden = true;
    } else {
      S.dist *= f;
    }
    requestDraw();
  }, { passive: false });

  // a difference spans [−scale, scale]: the slider covers |Δw| up to the largest one
  $('threshold').max = String(D.signed ? D.enc.scale : 1);
  $('threshold').step = String((D.signed ? D.enc.scale : 1) / 200);
  $('threshold').addEventListener('input', (e) => {
    S.threshold = Number(e.target.value);
    $('threshold-value').textContent = num(S.threshold);
    describeEncoding();
    requestDraw();
  });
  document.querySelectorAll('input[name=encoding]').forEach((box) => {
    box.checked = S.enc.has(box.value);
    if (box.value === 'length' && !D.nodes.lx) {
      box.disabled = true;
      box.parentElement.title = 'the length layout is not included in this page (see the note below)';
    }
    box.addEventListener('change', () => {
      if (box.checked) { S.enc.add(box.value); } else { S.enc.delete(box.value); }
      restyle();
      requestDraw();
    });
  });
  $('gamma').value = String(S.gamma);
  $('gamma').addEventListener('input', (e) => {
    const g = Number(e.target.value);
    if (g > 0 && g <= 10) { S.gamma = g; restyle(); requestDraw(); }
  });
  const layers = Array.from(new Set(D.planes.map((p) => p.layer))).sort((a, b) => a - b);
  const layerBoxes = layers.map((layer) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () => {
      if (box.checked) { S.hiddenLayers.delete(layer); } else { S.hiddenLayers.add(layer); }
      requestDraw();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(layer < 0 ? ' classifier' : ' L' + layer));
    $('layers').appendChild(label);
    return [layer, box];
  });
  const setAll = (visible) => {
    layerBoxes.forEach(([layer, box]) => {
      box.checked = visible;
      if (visible) { S.hiddenLayers.delete(layer); } else { S.hiddenLayers.add(layer); }
    });
    requestDraw();
  };
  $('layers-all').addEventListener('click', () => setAll(true));
  $('layers-none').addEventListener('click', () => setAll(false));
  $('labels').addEventListener('change', (e) => { S.labels = e.target.checked; requestDraw(); });
  document.querySelectorAll('input[name=view]').forEach((radio) => {
    radio.checked = radio.value === S.view;
    radio.addEventListener('change', () => {
      if (radio.checked) { S.view = radio.value; tip.hidden = true; requestDraw(); }
    });
  });
  $('reset').addEventListener('click', () => {
    Object.assign(S, { yaw: D.camera.yaw, pitch: D.camera.pitch, dist: D.camera.distance,
      target: D.camera.target.slice(), gz: 1, gx: 0, gy: 0 });
    requestDraw();
  });
  window.addEventListener('resize', requestDraw);

  restyle();
  draw();

  // A small read-only hook for automated browser tests (and the curious): what was drawn, where a node is.
  window.attnplanes = Object.freeze({
    drawnEdges: () => drawnCount,
    lastDrawMs: () => lastDrawMs,
    labels: () => labelCount,
    screenPosition: (i) => {
      const r = canvas.getBoundingClientRect();
      return [r.left + sx[i], r.top + sy[i]];
    },
    label: (i) => D.nodes.label[i],
    token: (i) => D.nodes.node[i],
    view: () => S.view,
    gridTransform: () => Object.assign({}, drawnGrid),   // as last drawn (cell() and screenPosition() agree)
    camera: () => JSON.parse(JSON.stringify(drawnCamera)), // the 3D view's camera, as last drawn
    drawnEdgeIds: () => Array.from(drawn.subarray(0, drawnCount)),
    edgeEnds: (k) => [D.edges.s[k], D.edges.t[k]],
    // a drawn edge's arc in page coordinates [x0, y0, cx, cy, x1, y1] (C the quadratic control point), or null
    curve: (k) => {
      const n = drawn.subarray(0, drawnCount).indexOf(k);
      if (n < 0 || Number.isNaN(drawnCx[n])) { return null; }
      const r = canvas.getBoundingClientRect(), a = D.edges.s[k], b = D.edges.t[k];
      return [r.left + sx[a], r.top + sy[a], r.left + drawnCx[n], r.top + drawnCy[n], r.left + sx[b], r.top + sy[b]];
    },
    planeOf: (i) => nodePlane[i],
    cell: (plane) => {
      const r = canvas.getBoundingClientRect(), c = cellRect.get(plane);
      return inGrid() && c ? [r.left + c[0], r.top + c[1], r.left + c[2], r.top + c[3]] : null;
    },
    nodeCount: N,
    edgeCount: E,
    readyMs: performance.now()
  });
  document.body.dataset.ready = 'true';
}());
