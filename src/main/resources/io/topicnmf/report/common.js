/* topicnmf pages: shared helpers. Every piece of text from the data goes through text nodes
   (textContent, createTextNode), never through innerHTML, so no document text can inject markup. */
'use strict';
var TN = (function () {
  var SVGNS = 'http://www.w3.org/2000/svg';
  function set(e, attrs) {
    if (!attrs) return e;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.indexOf('on') === 0 && typeof v === 'function') e.addEventListener(k.substring(2), v);
      else if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, String(v));
    });
    return e;
  }
  function add(e, kids) {
    kids.forEach(function (c) {
      if (c === null || c === undefined) return;
      if (Array.isArray(c)) add(e, c);
      else if (typeof c === 'string' || typeof c === 'number') e.appendChild(document.createTextNode(String(c)));
      else e.appendChild(c);
    });
    return e;
  }
  function el(tag, attrs) { return add(set(document.createElement(tag), attrs), [].slice.call(arguments, 2)); }
  function svg(tag, attrs) { return add(set(document.createElementNS(SVGNS, tag), attrs), [].slice.call(arguments, 2)); }
  function title(text) { return svg('title', { text: text }); }
  function fmt(x, d) { return (x === null || x === undefined || !isFinite(x)) ? '–' : Number(x).toFixed(d); }
  function pct(x) { return fmt(100 * x, 1) + ' %'; }
  function num(x) { return (x === null || x === undefined) ? '–' : Number(x).toLocaleString('en-US'); }
  /* Categorical colours (Tableau 10 + their light variants), then hues spread by the golden angle. */
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac', '#2f5f8a', '#c46a12', '#a83b3d', '#3f8d87', '#357a2f', '#b39a1c', '#7f4f73',
    '#d96b7a', '#6d4f3d', '#7f7773'];
  function color(i) {
    if (i < PALETTE.length) return PALETTE[i];
    return 'hsl(' + Math.round((i * 137.508) % 360) + ',55%,50%)';
  }
  function metric(value, name) {
    return el('div', { 'class': 'metric' }, el('div', { 'class': 'v', text: value }), el('div', { 'class': 'n', text: name }));
  }
  function ticks(lo, hi, n) {
    if (!(hi > lo)) { hi = lo + 1; }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
    var err = (hi - lo) / n / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
    return { values: out, step: step };
  }
  function tickLabel(v, step) {
    var d = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    if (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(1);
    return v.toFixed(Math.min(d, 6));
  }
  /* A line chart of series [{name, color, points: [[x, y]], band: [[x, lo, hi]]}] with a vertical
     marker at markX; ks on the x axis are integers. */
  function lineChart(opts) {
    var W = opts.width || 420, H = opts.height || 260, L = 58, R = 14, T = 26, B = 38;
    var xs = [], ys = [];
    opts.series.forEach(function (s) {
      s.points.forEach(function (p) { if (isFinite(p[1])) { xs.push(p[0]); ys.push(p[1]); } });
      (s.band || []).forEach(function (b) { if (isFinite(b[1])) ys.push(b[1]); if (isFinite(b[2])) ys.push(b[2]); });
    });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x1 === x0) { x0 -= 1; x1 += 1; }
    var pad = (y1 - y0) * 0.08 || Math.abs(y1) * 0.1 || 1; y0 -= pad; y1 += pad;
    function sx(x) { return L + (x - x0) / (x1 - x0) * (W - L - R); }
    function sy(y) { return T + (1 - (y - y0) / (y1 - y0)) * (H - T - B); }
    var g = svg('svg', { width: W, height: H, 'class': 'chart', 'data-name': opts.name, role: 'img', 'aria-label': opts.title });
    g.appendChild(svg('text', { x: L, y: 16, 'font-weight': 600, text: opts.title }));
    var ax = svg('g', { 'class': 'axis' });
    var yt = ticks(y0, y1, 5);
    yt.values.forEach(function (v) {
      ax.appendChild(svg('line', { 'class': 'grid', x1: L - 4, x2: W - R, y1: sy(v), y2: sy(v) }));
      ax.appendChild(svg('text', { x: L - 6, y: sy(v) + 4, 'text-anchor': 'end', text: tickLabel(v, yt.step) }));
    });
    var xt = ticks(x0, x1, Math.min(10, Math.max(1, xs.length)));
    xt.values.filter(function (v) { return Math.abs(v - Math.round(v)) < 1e-9; }).forEach(function (v) {
      ax.appendChild(svg('line', { x1: sx(v), x2: sx(v), y1: H - B, y2: H - B + 4 }));
      ax.appendChild(svg('text', { x: sx(v), y: H - B + 16, 'text-anchor': 'middle', text: String(v) }));
    });
    ax.appendChild(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B }));
    ax.appendChild(svg('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', text: opts.xLabel || 'k' }));
    g.appendChild(ax);
    if (opts.markX !== undefined && opts.markX !== null) {
      g.appendChild(svg('line', { 'class': 'marker', x1: sx(opts.markX), x2: sx(opts.markX), y1: T, y2: H - B,
        stroke: '#c8452e', 'stroke-dasharray': '5 4', 'stroke-width': 1.5 }));
      g.appendChild(svg('text', { x: sx(opts.markX) + 4, y: T + 10, fill: '#c8452e', text: 'k = ' + opts.markX }));
    }
    opts.series.forEach(function (s) {
      if (s.band && s.band.length) {
        var up = s.band.map(function (b) { return sx(b[0]) + ',' + sy(b[2]); });
        var down = s.band.slice().reverse().map(function (b) { return sx(b[0]) + ',' + sy(b[1]); });
        g.appendChild(svg('polygon', { points: up.concat(down).join(' '), fill: s.color, 'fill-opacity': 0.15 }));
      }
      var pts = s.points.filter(function (p) { return isFinite(p[1]); });
      g.appendChild(svg('polyline', { points: pts.map(function (p) { return sx(p[0]) + ',' + sy(p[1]); }).join(' '),
        fill: 'none', stroke: s.color, 'stroke-width': 2 }));
      pts.forEach(function (p) {
        var mark = p[0] === opts.markX;
        g.appendChild(svg('circle', { 'class': 'point' + (mark ? ' recommended' : ''), cx: sx(p[0]), cy: sy(p[1]),
          r: mark ? 5.5 : 3.5, fill: mark ? '#c8452e' : s.color },
          title(s.name + ' at k = ' + p[0] + ': ' + tickLabel(p[1], Math.abs(p[1]) / 1e4 || 1e-4))));
      });
    });
    return g;
  }
  function data() {
    return JSON.parse(document.getElementById('topicnmf-data').textContent);
  }
  function ready(started) {
    document.body.setAttribute('data-ready', 'true');
    if (window.console && console.info) {
      console.info('topicnmf: rendered in ' + Math.round(performance.now() - started) + ' ms (' + Math.round(performance.now()) + ' ms since navigation)');
    }
  }
  return { el: el, svg: svg, title: title, fmt: fmt, pct: pct, num: num, color: color, metric: metric,
    lineChart: lineChart, data: data, ready: ready };
})();
