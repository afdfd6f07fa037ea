/* topicnmf report.html: overview, topics, LDAvis map, topics × labels heat map, topics over time,
   topic hierarchy (report-charts.js draws those two), documents table. */
(function () {
  var started = performance.now();
  var el = TN.el, svg = TN.svg, fmt = TN.fmt;
  var D = TN.data();
  var state = { topic: null, query: '', sortKey: null, sortDir: 1, page: 0, lambda: 0.6 };
  var PAGE = 100;
  var topicById = {};
  D.topics.forEach(function (t) { topicById[t.id] = t; });
  function topicName(id) { var t = topicById[id]; return 'Topic ' + id + (t && t.label ? ' · ' + t.label : ''); }

  function overview() {
    var c = D.corpus;
    document.title = 'topicnmf ' + D.command + ' — ' + c.root;
    document.getElementById('title').textContent = 'topicnmf ' + D.command + ': ' + D.topics.length + ' topics';
    document.getElementById('subtitle').textContent = c.root;
    var box = document.getElementById('overview-cards');
    box.appendChild(TN.metric(TN.num(c.documentsRead), 'documents'));
    box.appendChild(TN.metric(TN.num(c.documentsSkipped), 'files skipped'));
    box.appendChild(TN.metric(TN.num(c.documentsWithoutTerms), 'documents without terms'));
    box.appendChild(TN.metric(TN.num(c.terms), 'terms'));
    box.appendChild(TN.metric(String(D.topics.length), 'topics (k)'));
    box.appendChild(TN.metric(fmt(D.quality.meanNpmi, 3), 'mean NPMI (top ' + D.quality.topTerms + ')'));
    box.appendChild(TN.metric(fmt(D.quality.meanUmass, 2), 'mean UMass'));
    box.appendChild(TN.metric(fmt(D.quality.meanCv, 3), 'mean C_V'));
    box.appendChild(TN.metric(fmt(D.quality.diversity, 3), 'topic diversity'));
    if (D.fit) box.appendChild(TN.metric(fmt(D.fit.relativeError, 3), 'relative error ‖X−WH‖/‖X‖'));
    var e = D.evaluation;
    if (e) {
      box.appendChild(TN.metric(fmt(e.nmi, 3), 'NMI with labels'));
      box.appendChild(TN.metric(fmt(e.ari, 3), 'adjusted Rand index'));
      box.appendChild(TN.metric(fmt(e.purity, 3), 'purity'));
    }
    var note = D.fit ? ('NMF: ' + D.fit.loss + ' loss, ' + D.fit.solver + ' solver, ' + D.fit.iterations + ' iterations, '
      + (D.fit.converged ? 'converged' : 'not converged') + '. ') : '';
    note += e ? ('Agreement of the clusters with the labels (first sub-folders) over ' + TN.num(e.documents) + ' labelled documents.')
      : 'No document has a label (first sub-folder), so there is no agreement to measure.';
    document.getElementById('overview-note').textContent = note;
    if (D.relevance !== null && D.relevance !== undefined) {
      document.getElementById('topics-note').textContent = document.getElementById('topics-note').textContent
        .replace('(listed as in report.json)', D.relevance === 'auto'
          ? '(ranked as in report.json: each topic by the ranking whose terms co-occur most, relevance auto)'
          : '(ranked as in report.json, by relevance at λ = ' + D.relevance + ')');
    }
    document.getElementById('footer').textContent = 'Written by ' + D.tool.name + ' ' + D.tool.version
      + ' (' + D.command + '). This page is self-contained: it makes no network request. report.json holds the same results in full.';
  }

  function topicCard(t) {
    var terms = t.terms;
    var max = terms.reduce(function (m, x) { return Math.max(m, x[1]); }, 0) || 1;
    var rowH = 17, labelW = 120, barW = 190;
    var chart = svg('svg', { 'class': 'terms', width: labelW + barW + 60, height: terms.length * rowH + 4 });
    terms.forEach(function (x, i) {
      var y = i * rowH + 2;
      chart.appendChild(svg('text', { 'class': 'term', x: labelW - 6, y: y + 12, 'text-anchor': 'end', text: x[0] }));
      chart.appendChild(svg('rect', { 'class': 'bar', x: labelW, y: y + 2, height: rowH - 4,
        width: Math.max(1, x[1] / max * barW), fill: TN.color(t.id) }, TN.title(x[0] + ': weight ' + x[1].toPrecision(4))));
      chart.appendChild(svg('text', { x: labelW + x[1] / max * barW + 4, y: y + 12, fill: '#5d6778', text: x[1].toPrecision(3) }));
    });
    var meta = TN.num(t.documents) + ' documents · NPMI ' + fmt(t.npmi, 3) + ' · UMass ' + fmt(t.umass, 2) + ' · C_V ' + fmt(t.cv, 3);
    if (t.majorityLabel !== null && t.majorityLabel !== undefined) {
      meta += ' · majority label ' + t.majorityLabel + ' (' + TN.pct(t.majorityShare) + ')';
    }
    // A cluster that absorbed near-identical topics' clusters names them; an absorbed topic names
    // where its documents went (report.json's clusters[].mergedTopics).
    var merged = null;
    if (t.mergedTopics && t.mergedTopics.length) {
      merged = el('div', { 'class': 'merged', text: 'Its cluster also holds the documents of '
        + t.mergedTopics.map(topicName).join(', ') + ' (merged: their documents were nearly the same).' });
    } else if (t.mergedInto !== null && t.mergedInto !== undefined) {
      merged = el('div', { 'class': 'merged', text: 'Its documents were merged into the cluster of '
        + topicName(t.mergedInto) + ' (their documents were nearly the same).' });
    }
    var reps = el('ol', { 'class': 'reps' }, t.representatives.map(function (r) {
      return el('li', null, el('span', { 'class': 'doc-id', text: r.id }), ' (' + TN.pct(r.strength) + ')',
        r.snippet ? el('span', { 'class': 'snippet', text: r.snippet }) : null);
    }));
    return el('section', { 'class': 'topic-card', id: 'topic-' + t.id, 'data-topic': t.id },
      el('h3', null, el('span', { 'class': 'swatch', style: 'background:' + TN.color(t.id) }),
        el('button', { type: 'button', 'class': 'topic-name', 'data-topic': t.id, text: topicName(t.id),
          title: 'List this topic\'s documents', onclick: function () { selectTopic(t.id, true); } })),
      el('div', { 'class': 'meta', text: meta }), merged, chart,
      t.representatives.length ? el('div', { 'class': 'note', text: 'Most representative documents:' }) : null, reps);
  }

  /* ---- LDAvis ---- */
  var vis = D.ldavis, visBars = null, visMap = null;
  function ldavis() {
    var box = document.getElementById('ldavis');
    if (!vis) { box.appendChild(el('p', { 'class': 'note', text: D.ldavisNote || 'No intertopic map for this report.' })); return; }
    var S = 440, P = 40;
    var xs = vis.topics.map(function (t) { return t.x; }), ys = vis.topics.map(function (t) { return t.y; });
    var ext = Math.max(1e-9, Math.max.apply(null, xs.concat(ys).map(Math.abs)));
    function sc(v) { return S / 2 + v / ext * (S / 2 - P); }
    var maxShare = Math.max.apply(null, vis.topics.map(function (t) { return t.share; }));
    visMap = svg('svg', { 'class': 'map', width: S, height: S, role: 'img', 'aria-label': 'Intertopic distance map' });
    var ax = svg('g', { 'class': 'axis' });
    ax.appendChild(svg('line', { 'class': 'grid', x1: 0, x2: S, y1: S / 2, y2: S / 2 }));
    ax.appendChild(svg('line', { 'class': 'grid', y1: 0, y2: S, x1: S / 2, x2: S / 2 }));
    ax.appendChild(svg('text', { x: S - 4, y: S / 2 - 4, 'text-anchor': 'end', text: 'PC1' }));
    ax.appendChild(svg('text', { x: S / 2 + 4, y: 12, text: 'PC2' }));
    visMap.appendChild(ax);
    vis.topics.slice().sort(function (a, b) { return b.share - a.share; }).forEach(function (t) {
      var r = 6 + 34 * Math.sqrt(t.share / maxShare);
      var g = svg('g', { 'class': 'topic-circle', 'data-topic': t.id, onclick: function () { selectTopic(t.id, false); } },
        svg('circle', { cx: sc(t.x), cy: sc(-t.y), r: r, fill: TN.color(t.id), 'data-topic': t.id },
          TN.title(topicName(t.id) + ': ' + fmt(t.share * 100, 1) + ' % of the tokens')),
        svg('text', { x: sc(t.x), y: sc(-t.y) + 4, 'text-anchor': 'middle', 'pointer-events': 'none', text: String(t.id) }));
      visMap.appendChild(g);
    });
    var slider = el('input', { type: 'range', id: 'lambda', min: 0, max: 1, step: vis.lambdaStep, value: state.lambda,
      'aria-label': 'relevance lambda' });
    var shown = el('span', { id: 'lambda-value', text: fmt(state.lambda, 2) });
    slider.addEventListener('input', function () { state.lambda = Number(slider.value); shown.textContent = fmt(state.lambda, 2); drawBars(); });
    visBars = el('div', { id: 'ldavis-bars' });
    box.appendChild(el('div', { 'class': 'ldavis' }, visMap,
      el('div', null, el('div', { 'class': 'controls' }, 'λ = ', shown, ' ', slider,
        el('span', { 'class': 'note', text: '  (1: by probability in the topic; 0: by lift)' })), visBars)));
    drawBars();
  }
  function drawBars() {
    if (!visBars) return;
    var rows, heading;
    if (state.topic === null || !vis.byTopic[state.topic]) {
      rows = vis.saliency.map(function (j) { return { term: vis.terms[j], total: vis.totals[j], freq: null }; });
      heading = 'Top-' + rows.length + ' most salient terms (no topic selected)';
    } else {
      var lam = state.lambda;
      rows = vis.byTopic[state.topic].map(function (e) {
        return { term: vis.terms[e[0]], total: vis.totals[e[0]], freq: e[1], rel: lam * e[2] + (1 - lam) * e[3], idx: e[0] };
      });
      rows.sort(function (a, b) { return (b.rel - a.rel) || (a.idx - b.idx); });
      rows = rows.slice(0, vis.r);
      heading = 'Top-' + rows.length + ' most relevant terms of ' + topicName(state.topic) + ' at λ = ' + fmt(state.lambda, 2);
    }
    var max = rows.reduce(function (m, x) { return Math.max(m, x.total); }, 0) || 1;
    var rowH = 15, labelW = 130, barW = 280;
    var g = svg('svg', { width: labelW + barW + 20, height: rows.length * rowH + 30 });
    g.appendChild(svg('text', { x: 0, y: 12, 'font-weight': 600, text: heading }));
    rows.forEach(function (x, i) {
      var y = 22 + i * rowH;
      g.appendChild(svg('text', { 'class': 'term', x: labelW - 6, y: y + 11, 'text-anchor': 'end', text: x.term }));
      g.appendChild(svg('rect', { x: labelW, y: y + 2, height: rowH - 3, width: Math.max(1, x.total / max * barW), fill: '#b8c0cc' },
        TN.title(x.term + ': ' + fmt(x.total, 1) + ' in the corpus')));
      if (x.freq !== null) {
        g.appendChild(svg('rect', { x: labelW, y: y + 2, height: rowH - 3, width: Math.max(1, x.freq / max * barW), fill: '#c8452e' },
          TN.title(x.term + ': ' + fmt(x.freq, 1) + ' in the topic, of ' + fmt(x.total, 1))));
      }
    });
    visBars.textContent = '';
    visBars.appendChild(g);
  }

  /* ---- topics × labels ---- */
  function heatmap() {
    var e = D.evaluation, box = document.getElementById('heatmap');
    if (!e) {
      document.getElementById('labels-section').style.display = 'none';
      document.getElementById('toc-labels').style.display = 'none';
      return;
    }
    var head = el('tr', null, el('th', { text: 'Topic' }), e.labels.map(function (l) { return el('th', { 'class': 'num', text: l }); }),
      el('th', { 'class': 'num', text: 'total' }));
    var body = e.table.map(function (row, t) {
      var sum = row.reduce(function (a, b) { return a + b; }, 0);
      return el('tr', { 'data-topic': t }, el('td', null, el('button', { type: 'button', 'class': 'topic-name', text: topicName(t),
        onclick: function () { selectTopic(t, true); } })),
        row.map(function (n, j) {
          var share = sum ? n / sum : 0;
          var style = 'background: rgba(200,69,46,' + (0.08 + 0.85 * share).toFixed(3) + ')' + (share > 0.55 ? '; color: #fff' : '');
          return el('td', { 'class': 'num', style: n ? style : null, title: e.labels[j] + ': ' + n + ' (' + TN.pct(share) + ' of the row)', text: String(n) });
        }), el('td', { 'class': 'num', text: String(sum) }));
    });
    box.appendChild(el('table', { 'class': 'heat' }, el('thead', null, head), el('tbody', null, body)));
  }

  /* ---- documents ---- */
  var fields = D.documents.fields || [];
  var docs = D.documents.rows.map(function (r) {
    var mix = [];
    for (var i = 0; i < r[4].length; i += 2) mix.push([r[4][i], r[4][i + 1]]);
    var d = { id: r[0], label: r[1] < 0 ? null : D.documents.labels[r[1]], cluster: r[2], strength: r[3], mix: mix };
    var meta = r[5] || [], key = [r[0], d.label === null ? '' : d.label];
    fields.forEach(function (f, j) {
      d['m' + j] = (meta[j] === undefined) ? null : meta[j];
      if (meta[j]) key.push(meta[j]);
    });
    d.key = key.join(' ').toLowerCase();
    return d;
  });
  function weightOf(d, t) {
    for (var i = 0; i < d.mix.length; i++) if (d.mix[i][0] === t) return d.mix[i][1];
    return 0;
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function nullLast(a, b, f) {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return f(a, b);
  }
  function filtered() {
    var q = state.query.trim().toLowerCase();
    var out = docs.filter(function (d) {
      return (state.topic === null || d.cluster === state.topic) && (!q || d.key.indexOf(q) >= 0);
    });
    var k = state.sortKey, dir = state.sortDir;
    if (k === null && state.topic !== null) {
      var t = state.topic;
      out.sort(function (a, b) { return (weightOf(b, t) - weightOf(a, t)) || cmp(a.id, b.id); });
    } else if (k !== null) {
      out.sort(function (a, b) {
        var r = (k === 'strength') ? dir * (a.strength - b.strength)
          : nullLast(a[k], b[k], function (x, y) { return dir * cmp(x, y); });
        return r || cmp(a.id, b.id);
      });
    }
    return out;
  }
  function mixBar(d) {
    var W = 140, H = 12, x = 0;
    var g = svg('svg', { 'class': 'mix', width: W, height: H });
    d.mix.forEach(function (m) {
      var w = m[1] * W;
      g.appendChild(svg('rect', { x: x, y: 0, width: w, height: H, fill: TN.color(m[0]) }, TN.title(topicName(m[0]) + ': ' + TN.pct(m[1]))));
      x += w;
    });
    if (!d.mix.length) g.appendChild(svg('text', { x: 0, y: 10, fill: '#5d6778', text: 'no topic' }));
    return g;
  }
  function clusterCell(c) {
    if (c === null) return el('td', { 'class': 'cluster' });
    return el('td', { 'class': 'cluster', 'data-cluster': c, title: topicName(c) },
      el('span', { 'class': 'swatch', style: 'background:' + TN.color(c) }), String(c),
      el('span', { 'class': 'topic-label', text: topicById[c] ? ' ' + topicById[c].label : '' }));
  }
  function renderTable() {
    var rows = filtered();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * PAGE, to = Math.min(rows.length, from + PAGE);
    var tbody = document.querySelector('#doc-table tbody');
    tbody.textContent = '';
    var frag = document.createDocumentFragment();
    rows.slice(from, to).forEach(function (d) {
      frag.appendChild(el('tr', { 'data-id': d.id }, el('td', { 'class': 'id', text: d.id }), el('td', { text: d.label === null ? '' : d.label }),
        clusterCell(d.cluster),
        el('td', { 'class': 'num', text: d.mix.length ? TN.pct(d.strength) : '' }), el('td', null, mixBar(d)),
        fields.map(function (f, j) { return el('td', { 'class': 'meta', text: d['m' + j] === null ? '' : d['m' + j] }); })));
    });
    tbody.appendChild(frag);
    document.getElementById('doc-count').textContent = (rows.length ? (from + 1) + '–' + to : '0') + ' of ' + TN.num(rows.length)
      + (rows.length !== docs.length ? ' (of ' + TN.num(docs.length) + ')' : '') + ' documents · page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('doc-prev').disabled = state.page === 0;
    document.getElementById('doc-next').disabled = state.page >= pages - 1;
    var f = document.getElementById('doc-filter');
    f.textContent = '';
    if (state.topic !== null) {
      f.appendChild(el('span', { 'class': 'chip' }, 'cluster of ' + topicName(state.topic) + ' ',
        el('button', { type: 'button', id: 'doc-filter-clear', title: 'Show every topic', text: '×', onclick: function () { selectTopic(null, false); } })));
    }
    document.querySelectorAll('#doc-table th.sortable').forEach(function (th) {
      var k = th.getAttribute('data-key');
      th.setAttribute('aria-sort', k === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      th.setAttribute('data-arrow', k === state.sortKey ? (state.sortDir > 0 ? '▲' : '▼') : '');
    });
  }
  function documentsTable() {
    var n = D.documents;
    var note = 'Ids are paths relative to ' + D.corpus.root + '. Cluster: the topic whose cluster the document is in; strength: its dominant topic\'s share of its weights; the mixture shows the topics with at least ' + TN.pct(n.minWeight) + ' of its weights.'
      + (fields.length ? ' Then the documents\' metadata fields (--keep-fields; values cut at 80 characters here, whole in report.json).' : '')
      + ' Search matches ids, labels' + (fields.length ? ' and metadata' : '') + '; click a header to sort.';
    if (n.sampled) note += ' The corpus has ' + TN.num(n.total) + ' documents: this table holds an evenly spaced sample of ' + TN.num(n.rows.length) + ' of them (the page keeps at most ' + TN.num(n.limit) + '); report.json lists them all.';
    document.getElementById('doc-note').textContent = note;
    var head = document.querySelector('#doc-table thead tr');
    fields.forEach(function (f, j) { head.appendChild(el('th', { 'class': 'sortable meta', 'data-key': 'm' + j, text: f })); });
    document.getElementById('doc-search').setAttribute('placeholder', fields.length ? 'Search ids, labels and metadata…' : 'Search ids and labels…');
    document.getElementById('doc-search').addEventListener('input', function (ev) { state.query = ev.target.value; state.page = 0; renderTable(); });
    document.getElementById('doc-prev').addEventListener('click', function () { state.page--; renderTable(); });
    document.getElementById('doc-next').addEventListener('click', function () { state.page++; renderTable(); });
    document.querySelectorAll('#doc-table th.sortable').forEach(function (th) {
      th.addEventListener('click', function () {
        var k = th.getAttribute('data-key');
        if (state.sortKey === k) state.sortDir = -state.sortDir; else { state.sortKey = k; state.sortDir = k === 'strength' ? -1 : 1; }
        state.page = 0;
        renderTable();
      });
    });
    renderTable();
  }

  function selectTopic(id, scroll) {
    state.topic = (id === state.topic) ? null : id;
    state.page = 0;
    state.sortKey = null;
    document.querySelectorAll('.topic-card').forEach(function (c) {
      c.classList.toggle('selected', Number(c.getAttribute('data-topic')) === state.topic);
    });
    if (visMap) visMap.querySelectorAll('circle').forEach(function (c) {
      c.classList.toggle('selected', Number(c.getAttribute('data-topic')) === state.topic);
    });
    drawBars();
    renderTable();
    if (scroll && state.topic !== null) document.getElementById('documents').scrollIntoView();
  }

  /* ---- topics over time, topic hierarchy ---- */
  function hide(section, toc) {
    document.getElementById(section).style.display = 'none';
    document.getElementById(toc).style.display = 'none';
  }
  function timeline() {
    var tl = D.timeline;
    if (!tl) { hide('timeline-section', 'toc-timeline'); return; }
    var note = 'Each topic\'s share of the documents of each ' + tl.period + ' (' + (tl.periodChosen === 'given' ? 'given by --period' : 'chosen from the span of the dates')
      + '): the mean of their topic weights, dated by the field ' + tl.field + '. ' + TN.num(tl.dated) + ' documents dated'
      + (tl.first ? ', from ' + tl.first + ' to ' + tl.last : '') + '; ' + TN.num(tl.undated) + ' without a readable date'
      + (tl.unparsed ? ' (' + TN.num(tl.unparsed) + ' with a value that is not a date)' : '') + ', counted but not drawn. Click a band to list its topic\'s documents.';
    document.getElementById('timeline-note').textContent = note;
    if (!tl.starts.length) return;
    document.getElementById('timeline-chart').appendChild(TNC.timeline(tl, D.topics.length, topicName, function (t) { selectTopic(t, true); }));
  }
  function hierarchy() {
    if (!D.tree) { hide('hierarchy-section', 'toc-hierarchy'); return; }
    document.getElementById('hierarchy-chart').appendChild(TNC.tree(D.tree, topicName, function (t) { selectTopic(t, true); }));
  }

  overview();
  var cards = document.getElementById('topic-cards');
  D.topics.forEach(function (t) { cards.appendChild(topicCard(t)); });
  ldavis();
  heatmap();
  timeline();
  hierarchy();
  documentsTable();
  // report.html#topic=3 opens with topic 3 selected (a link to share, or a screenshot to take).
  var linked = /(?:^#|&)topic=(\d+)/.exec(location.hash);
  if (linked && topicById[Number(linked[1])]) selectTopic(Number(linked[1]), false);
  // report.html#timeline: the browser scrolled to the anchor before the script drew the sections
  // above it, so scroll again now that they have their height.
  var anchor = /^#([a-z]+)$/.exec(location.hash);
  if (anchor && document.getElementById(anchor[1])) document.getElementById(anchor[1]).scrollIntoView();
  TN.ready(started);
  if (location.hash === '#bench') benchInteractions();

  /* report.html#bench (bench/html_load.sh): times the table's interactions on this page's data,
     each with the layout it causes, and logs them. */
  function benchInteractions() {
    function time(f) {
      var t0 = performance.now();
      f();
      void document.body.offsetHeight;
      return Math.round(performance.now() - t0);
    }
    var biggest = D.topics.reduce(function (a, b) { return b.documents > a.documents ? b : a; }).id;
    var wanted = docs[Math.floor(docs.length / 2)].id;
    var r = {};
    r.selectTopic = time(function () { selectTopic(biggest, false); });
    r.unselect = time(function () { selectTopic(biggest, false); });
    r.search = time(function () { state.query = wanted; state.page = 0; renderTable(); });
    r.found = document.querySelectorAll('#doc-table tbody tr').length;
    r.clearSearch = time(function () { state.query = ''; renderTable(); });
    r.sortByStrength = time(function () { state.sortKey = 'strength'; state.sortDir = -1; renderTable(); });
    r.sortById = time(function () { state.sortKey = 'id'; state.sortDir = 1; renderTable(); });
    r.nextPage = time(function () { state.page++; renderTable(); });
    console.info('topicnmf: interactions ' + JSON.stringify(r));
  }
})();
