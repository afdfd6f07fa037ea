/* topicnmf select-k.html: stability, NPMI and objective against k, the recommended k marked. */
(function () {
  var started = performance.now();
  var el = TN.el, fmt = TN.fmt;
  var D = TN.data();
  var rows = D.candidates.slice().sort(function (a, b) { return a.k - b.k; });
  var best = D.recommendedK;
  var c = D.corpus || {};
  document.title = 'topicnmf select-k — ' + (c.root || '');
  document.getElementById('title').textContent = 'topicnmf select-k: recommended k = ' + best;
  document.getElementById('subtitle').textContent = c.root || '';
  var box = document.getElementById('overview-cards');
  box.appendChild(TN.metric(String(best), 'recommended k'));
  box.appendChild(TN.metric(rows.map(function (r) { return r.k; }).join(', '), 'k tried'));
  if (c.documentsRead !== undefined) box.appendChild(TN.metric(TN.num(c.documentsRead), 'documents'));
  if (c.terms !== undefined) box.appendChild(TN.metric(TN.num(c.terms), 'terms'));
  var p = D.parameters || {};
  if (p.samples !== undefined) box.appendChild(TN.metric(String(p.samples), 'subsamples per k (' + TN.pct(p.sampleFraction) + ' each)'));
  document.getElementById('rule').textContent = D.rule && D.rule.description
    ? 'Rule: ' + D.rule.description + ' (stability tolerance ' + D.rule.stabilityTolerance + ', NPMI tolerance ' + D.rule.npmiTolerance + ').' : '';
  var charts = document.getElementById('charts');
  charts.appendChild(TN.lineChart({ name: 'stability', title: 'Stability (mean, band down to the minimum)', markX: best,
    series: [{ name: 'stability', color: '#4e79a7', points: rows.map(function (r) { return [r.k, r.stability]; }),
      band: rows.map(function (r) { return [r.k, r.stabilityMin, r.stability]; }) }] }));
  charts.appendChild(TN.lineChart({ name: 'npmi', title: 'Mean NPMI coherence', markX: best,
    series: [{ name: 'mean NPMI', color: '#59a14f', points: rows.map(function (r) { return [r.k, r.meanNpmi]; }) }] }));
  charts.appendChild(TN.lineChart({ name: 'objective', title: 'Objective (loss of the full fit)', markX: best,
    series: [{ name: 'objective', color: '#f28e2b', points: rows.map(function (r) { return [r.k, r.objective]; }) }] }));
  var cols = [['k', 'k', 0], ['stability', 'stability', 4], ['stabilityMin', 'min stability', 4], ['meanNpmi', 'mean NPMI', 4],
    ['meanUmass', 'mean UMass', 3], ['diversity', 'diversity', 4], ['objective', 'objective', 6], ['relativeError', 'relative error', 4],
    ['iterations', 'iterations', 0], ['seconds', 'seconds', 1]];
  var t = document.getElementById('candidates');
  t.tHead.appendChild(el('tr', null, cols.map(function (col) { return el('th', { 'class': 'num', text: col[1] }); })));
  rows.forEach(function (r) {
    t.tBodies[0].appendChild(el('tr', { 'class': r.k === best ? 'recommended' : null, 'data-k': r.k }, cols.map(function (col) {
      var v = r[col[0]];
      var text = col[0] === 'objective' ? (isFinite(v) ? Number(v).toPrecision(6) : '–') : fmt(v, col[2]);
      return el('td', { 'class': 'num', text: text });
    })));
  });
  document.getElementById('footer').textContent = (D.tool ? 'Written by ' + D.tool.name + ' ' + D.tool.version + '. ' : '')
    + 'This page is self-contained: it makes no network request. select-k.json holds the same figures.';
  TN.ready(started);
})();
