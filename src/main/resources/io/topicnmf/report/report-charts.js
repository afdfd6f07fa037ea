/* topicnmf report.html: the charts drawn only for some reports: topics over time (when documents
   have dates) and the topic hierarchy (when the model was reduced). Inline SVG, no library. */
var TNC = (function () {
  var el = TN.el, svg = TN.svg, fmt = TN.fmt;

  /* Up to n evenly spaced indices of 0 … count − 1, the first and the last included. */
  function tickIndices(count, n) {
    if (count <= n) return Array.from({ length: count }, function (_, i) { return i; });
    var out = [], step = (count - 1) / (n - 1);
    for (var i = 0; i < n; i++) out.push(Math.round(i * step));
    return out;
  }

  /* Topics over time: each topic's share of the period's documents as stacked steps (one band per
     period, so a single period is drawn too), the dated documents per period as grey bars below. */
  function timeline(tl, k, name, onSelect) {
    var n = tl.starts.length;
    var W = Math.max(640, Math.min(1200, 90 + n * 14)), L = 52, R = 44, T = 24, H1 = 260, GAP = 34, H2 = 70, B = 40;
    var H = T + H1 + GAP + H2 + B, bw = (W - L - R) / Math.max(1, n);
    function x(i) { return L + i * bw; }
    function y(v) { return T + (1 - v) * H1; }
    var g = svg('svg', { 'class': 'timeline', width: W, height: H, role: 'img', 'aria-label': 'Topics over time' });
    var ax = svg('g', { 'class': 'axis' });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
      ax.appendChild(svg('line', { 'class': 'grid', x1: L - 4, x2: W - R, y1: y(v), y2: y(v) }));
      ax.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', text: Math.round(v * 100) + ' %' }));
    });
    g.appendChild(ax);
    var base = new Array(n).fill(0);
    for (var t = 0; t < k; t++) {
      var top = [], bottom = [];
      for (var i = 0; i < n; i++) {
        var lo = base[i], hi = lo + (tl.shares[i][t] || 0);
        top.push(x(i) + ',' + y(hi), x(i + 1) + ',' + y(hi));
        bottom.push(x(i) + ',' + y(lo), x(i + 1) + ',' + y(lo));
        base[i] = hi;
      }
      var pts = top.concat(bottom.reverse());
      var id = t;
      g.appendChild(svg('path', { 'class': 'series', 'data-topic': t, d: 'M' + pts.join('L') + 'Z', fill: TN.color(t),
        'fill-opacity': 0.85, stroke: '#fff', 'stroke-width': 0.5, onclick: (function (tt) { return function () { onSelect(tt); }; })(id) },
        TN.title(name(t) + ' — click to list its documents')));
    }
    var maxDocs = Math.max(1, Math.max.apply(null, tl.documents));
    var y2 = T + H1 + GAP;
    g.appendChild(svg('text', { x: L, y: y2 - 8, fill: '#5d6778', text: 'dated documents per ' + tl.period + ' (most: ' + TN.num(maxDocs) + ')' }));
    tl.documents.forEach(function (c, i) {
      var h = c / maxDocs * H2;
      g.appendChild(svg('rect', { 'class': 'period-docs', x: x(i) + bw * 0.1, y: y2 + H2 - h, width: Math.max(0.5, bw * 0.8), height: h, fill: '#b8c0cc' },
        TN.title(tl.starts[i] + ': ' + TN.num(c) + ' documents')));
    });
    var xa = svg('g', { 'class': 'axis' });
    xa.appendChild(svg('line', { x1: L, x2: W - R, y1: y2 + H2, y2: y2 + H2 }));
    tickIndices(n, Math.max(2, Math.floor((W - L - R) / 90))).forEach(function (i) {
      var cx = x(i) + bw / 2;
      xa.appendChild(svg('line', { x1: cx, x2: cx, y1: y2 + H2, y2: y2 + H2 + 4 }));
      xa.appendChild(svg('text', { x: cx, y: y2 + H2 + 16, 'text-anchor': 'middle', text: tl.starts[i] }));
    });
    xa.appendChild(svg('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', text: tl.period + ' (its first day)' }));
    g.appendChild(xa);
    var legend = el('div', { 'class': 'legend' }, Array.from({ length: k }, function (_, t) {
      return el('button', { type: 'button', 'class': 'topic-name legend-item', 'data-topic': t, onclick: function () { onSelect(t); } },
        el('span', { 'class': 'swatch', style: 'background:' + TN.color(t) }), name(t));
    }));
    return el('div', null, g, legend);
  }

  /* The dendrogram of the merges of `topicnmf reduce`: the first fit's topics as rows on the left,
     the cosine distance of each merge across, each topic of the reduced model labelled on the right. */
  function tree(tr, name, onSelect) {
    var rowH = 18, L = 90, W = 420, R = 20, T = 24, B = 40, labelW = 360;
    var inner = tr.nodes.filter(function (n) { return n.left !== null; }).map(function (n) { return n.height; });
    var maxH = Math.max(1e-6, Math.max.apply(null, inner.concat([0])));
    // NMF topics are far apart (merges at distances of 0.5 and more are common), so the axis starts
    // a little below the lowest merge rather than at 0, and says so by its first tick.
    var minH = inner.length ? Math.min.apply(null, inner) : 0;
    var lo = Math.max(0, Math.floor((minH - 0.15 * (maxH - minH || maxH)) * 20) / 20);
    if (!(maxH > lo)) lo = 0;
    var Wt = L + W + R + labelW, H = T + tr.leaves * rowH + B;
    function px(h) { return L + (Math.max(h, lo) - lo) / (maxH - lo) * W; }
    function py(x) { return T + x * rowH + rowH / 2; }
    var g = svg('svg', { 'class': 'dendrogram', width: Wt, height: H, role: 'img', 'aria-label': 'Topic hierarchy' });
    var ax = svg('g', { 'class': 'axis' });
    var ticks = [0, 0.25, 0.5, 0.75, 1].map(function (f) { return lo + f * (maxH - lo); });
    ticks.forEach(function (v) {
      ax.appendChild(svg('line', { 'class': 'grid', x1: px(v), x2: px(v), y1: T - 6, y2: H - B }));
      ax.appendChild(svg('text', { x: px(v), y: H - B + 16, 'text-anchor': 'middle', text: fmt(v, 2) }));
    });
    ax.appendChild(svg('text', { x: L + W / 2, y: H - 6, 'text-anchor': 'middle', text: 'cosine distance of the merged rows of H (1 − similarity)' + (lo > 0 ? ', from ' + fmt(lo, 2) : '') }));
    g.appendChild(ax);
    var byId = {};
    tr.nodes.forEach(function (n) { byId[n.id] = n; });
    tr.nodes.forEach(function (n) {
      if (n.left === null) {
        g.appendChild(svg('text', { 'class': 'leaf', x: L - 6, y: py(n.x) + 4, 'text-anchor': 'end', text: 'fit topic ' + n.id }));
        return;
      }
      var a = byId[n.left], b = byId[n.right];
      var d = 'M' + px(a.height) + ',' + py(a.x) + 'H' + px(n.height) + 'V' + py(b.x) + 'H' + px(b.height);
      g.appendChild(svg('path', { 'class': 'link', d: d, fill: 'none', stroke: '#5d6778', 'stroke-width': 1.5 },
        TN.title('merge of nodes ' + n.left + ' and ' + n.right + ': cosine similarity ' + fmt(n.similarity, 3) + ', ' + n.size + ' topics of the fit')));
    });
    tr.roots.forEach(function (id, t) {
      var n = byId[id], yy = py(n.x);
      g.appendChild(svg('path', { 'class': 'stem', d: 'M' + px(n.height) + ',' + yy + 'H' + (L + W + 6), fill: 'none',
        stroke: TN.color(t), 'stroke-width': 2.5 }));
      g.appendChild(svg('circle', { cx: L + W + 6, cy: yy, r: 4, fill: TN.color(t) }));
      g.appendChild(svg('g', null, TN.title(n.size + (n.size === 1 ? ' topic' : ' topics') + ' of the fit — click to list its documents'),
        svg('text', { 'class': 'root-label', 'data-topic': t, x: L + W + 14, y: yy + 4, text: name(t),
          style: 'cursor:pointer', onclick: function () { onSelect(t); } })));
    });
    return g;
  }

  return { timeline: timeline, tree: tree };
})();
