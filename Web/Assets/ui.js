// sweep ui: draws the sweeps list, a sweep and a trial from their JSON (embedded in the page, then polled every second
// when the page is live). Every stored value reaches the page through textContent or an ECharts option, never as HTML.
// Charts are exposed as window.sweepCharts[id] so tests can read what was drawn.
(function () {
  'use strict';

  var body = document.body;
  var page = body.getAttribute('data-page');
  var api = body.getAttribute('data-api');
  var live = body.getAttribute('data-live') === 'true';
  var trialLinks = body.getAttribute('data-trial-links') === 'true';
  var pollMilliseconds = 1000;
  var tableRowLimit = 500;

  window.sweepCharts = {};

  // ---- DOM helpers: text only ----------------------------------------------------------------------------------
  function el(tag, attributes) {
    var node = document.createElement(tag);
    if (attributes) Object.keys(attributes).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function text(value) { return value === null || value === undefined ? '-' : String(value); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function byId(id) { return document.getElementById(id); }

  function trialHref(hash) { return '/trials/' + encodeURIComponent(hash); }

  function table(headers, rows, numeric) {
    var head = el('tr');
    headers.forEach(function (header) { head.appendChild(el('th', { text: header })); });
    var result = el('table', null, el('thead', null, head));
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr');
      row.forEach(function (cell, index) {
        tr.appendChild(el('td', numeric && numeric[index] ? { 'class': 'number', text: text(cell) } : { text: text(cell) }));
      });
      tbody.appendChild(tr);
    });
    result.appendChild(tbody);
    return result;
  }

  // ---- charts ----------------------------------------------------------------------------------------------------
  function chart(id, option, onClick) {
    var node = byId(id);
    if (!node) return null;
    var existing = window.sweepCharts[id];
    var instance = existing || echarts.init(node, null, { renderer: 'canvas' });
    instance.setOption(option, { notMerge: true });
    if (!existing && onClick) instance.on('click', onClick);
    window.sweepCharts[id] = instance;
    return instance;
  }

  function chartBox(parent, id, title, extra) {
    if (byId(id)) return;
    var box = el('div', { 'class': 'chart-box', id: id + '-box' }, el('h3', { text: title }), extra || null, el('div', { 'class': 'chart', id: id }));
    parent.appendChild(box);
  }

  function isNumber(value) { return typeof value === 'number' && isFinite(value); }

  function axisType(values, logScaled) {
    if (!values.every(function (value) { return value === null || isNumber(value); })) return 'category';
    return logScaled ? 'log' : 'value';
  }

  function distinctSorted(values) {
    var seen = {};
    var result = [];
    values.forEach(function (value) { var key = String(value); if (!seen[key]) { seen[key] = true; result.push(value); } });
    return result.sort(function (a, b) { return isNumber(a) && isNumber(b) ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0; });
  }

  // ---- polling ---------------------------------------------------------------------------------------------------
  function start(draw) {
    var embedded = byId('page-data');
    var last = embedded ? embedded.textContent : null;
    if (last) draw(JSON.parse(last));
    if (!live || !api) return;
    function poll() {
      fetch(api, { cache: 'no-store', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (body) {
          if (body && body !== last) { last = body; draw(JSON.parse(body)); }
        })
        .catch(function () { /* the server stopped: keep what is shown */ })
        .then(function () { setTimeout(poll, pollMilliseconds); });
    }
    setTimeout(poll, last ? pollMilliseconds : 0); // a page served without its data (a large sweep) fetches it at once
  }

  // ---- the sweeps list -------------------------------------------------------------------------------------------
  function drawIndex(sweeps) {
    var holder = clear(byId('sweeps'));
    if (sweeps.length === 0) { holder.appendChild(el('p', { text: 'No sweep in this results file yet.' })); return; }
    var head = el('tr');
    ['sweep', 'method', 'metric', 'pending', 'running', 'completed', 'pruned', 'diverged', 'failed', 'interrupted', 'progress', 'best', 'last activity']
      .forEach(function (name) { head.appendChild(el('th', { text: name })); });
    var tbody = el('tbody');
    sweeps.forEach(function (sweep) {
      var c = sweep.counts;
      var tr = el('tr', { 'data-sweep': sweep.name },
        el('td', null, el('a', { href: '/sweeps/' + encodeURIComponent(sweep.name), text: sweep.name })),
        el('td', { text: sweep.method }), el('td', { text: sweep.metric + ' (' + sweep.goal + ')' }));
      [c.pending, c.running, c.completed, c.pruned, c.diverged, c.failed, c.interrupted].forEach(function (count) {
        tr.appendChild(el('td', { 'class': 'number', text: String(count) }));
      });
      tr.appendChild(el('td', { 'class': 'number progress', text: sweep.done + '/' + sweep.total }));
      tr.appendChild(el('td', { 'class': 'number best', text: sweep.best }));
      tr.appendChild(el('td', { text: sweep.lastActivity }));
      tbody.appendChild(tr);
    });
    holder.appendChild(el('table', { id: 'sweeps-table' }, el('thead', null, head), tbody));
  }

  // ---- a sweep ---------------------------------------------------------------------------------------------------
  var sweepState = { sortKey: 'rank', descending: false, filter: '', status: '', data: null };

  function drawSweep(data) {
    sweepState.data = data;
    drawSummary(data);
    drawTrialTable();
    drawCurves(data);
    drawParallel(data);
    drawImportance(data);
    drawVersus(data);
    drawHeatmap(data);
    drawSeeds(data);
    drawBestSoFar(data);
  }

  function drawSummary(data) {
    var c = data.counts;
    var holder = clear(byId('summary'));
    holder.appendChild(el('p', null,
      el('span', { id: 'progress', text: data.done + '/' + data.total + ' done' }), ' · ',
      'pending ' + c.pending + ', running ' + c.running + ', completed ' + c.completed + ', pruned ' + c.pruned +
      ', diverged ' + c.diverged + ', failed ' + c.failed + ', interrupted ' + c.interrupted + ' · ',
      'best ' + data.metric + ' (' + data.goal + '): ', el('strong', { id: 'best', text: data.best }), ' · method ' + data.method));
    var fixed = Object.keys(data.fixed).map(function (name) { return name + '=' + data.fixed[name]; }).join(', ');
    if (fixed) holder.appendChild(el('p', { 'class': 'note', text: 'Same in every trial: ' + fixed }));
  }

  function trialColumns(data) {
    var columns = [
      { key: 'rank', title: 'rank', numeric: true, value: function (i) { return data.trials.rank[i]; } },
      { key: 'hash', title: 'trial', value: function (i) { return data.trials.hash[i]; } }
    ];
    data.parameters.forEach(function (name) {
      columns.push({ key: 'p:' + name, title: name, numeric: true, value: function (i) { return data.trials.params[name][i]; } });
    });
    columns.push(
      { key: 'status', title: 'status', value: function (i) { return data.trials.status[i]; } },
      { key: 'metric', title: data.metric, numeric: true, value: function (i) { return data.trials.metric[i]; },
        display: function (i) { return data.trials.metricText[i]; } },
      { key: 'epochs', title: 'epochs', numeric: true, value: function (i) { return data.trials.epochs[i]; } },
      { key: 'attempt', title: 'attempt', numeric: true, value: function (i) { return data.trials.attempt[i]; } },
      { key: 'worker', title: 'worker', value: function (i) { return data.trials.worker[i]; } },
      { key: 'code', title: 'code', value: function (i) { return data.trials.code[i]; } });
    return columns;
  }

  function compareValues(a, b) {
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1; // missing values last, either way
    if (b === null || b === undefined) return -1;
    if (isNumber(a) && isNumber(b)) return a - b;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }

  function drawTrialTable() {
    var data = sweepState.data;
    if (!data) return;
    var columns = trialColumns(data);
    var sortColumn = columns.filter(function (column) { return column.key === sweepState.sortKey; })[0] || columns[0];
    var filter = sweepState.filter.toLowerCase();
    var indexes = [];
    for (var i = 0; i < data.trials.hash.length; i++) {
      if (sweepState.status && data.trials.status[i] !== sweepState.status) continue;
      if (filter && !columns.some(function (column) { return text(column.value(i)).toLowerCase().indexOf(filter) >= 0; })) continue;
      indexes.push(i);
    }
    indexes.sort(function (a, b) {
      var left = sortColumn.value(a), right = sortColumn.value(b);
      var missing = left === null || left === undefined || right === null || right === undefined;
      var order = compareValues(left, right);
      return (missing || !sweepState.descending ? order : -order) || a - b;
    });
    var head = el('tr');
    columns.forEach(function (column) {
      var th = el('th', { 'class': 'sortable' + (column.key === sortColumn.key ? (sweepState.descending ? ' sorted-desc' : ' sorted-asc') : ''),
        'data-key': column.key, text: column.title });
      th.addEventListener('click', function () {
        if (sweepState.sortKey === column.key) sweepState.descending = !sweepState.descending;
        else { sweepState.sortKey = column.key; sweepState.descending = false; }
        drawTrialTable();
      });
      head.appendChild(th);
    });
    var tbody = el('tbody');
    indexes.slice(0, tableRowLimit).forEach(function (i) {
      var tr = el('tr', { 'class': 'status-' + data.trials.status[i], 'data-hash': data.trials.hash[i] });
      columns.forEach(function (column) {
        var shown = text(column.display ? column.display(i) : column.value(i));
        if (column.key === 'hash') {
          var short = shown.substring(0, 10);
          tr.appendChild(el('td', { 'class': 'hash' }, trialLinks ? el('a', { href: trialHref(shown), text: short, title: shown }) : el('span', { text: short, title: shown })));
        } else tr.appendChild(el('td', column.numeric ? { 'class': 'number', text: shown } : { text: shown }));
      });
      tbody.appendChild(tr);
    });
    var holder = clear(byId('trials'));
    holder.appendChild(el('table', { id: 'trials-table' }, el('thead', null, head), tbody));
    holder.appendChild(el('p', { 'class': 'note', id: 'trials-shown',
      text: 'showing ' + Math.min(indexes.length, tableRowLimit) + ' of ' + indexes.length + ' matching trials (' + data.trials.hash.length + ' in the sweep)' }));
  }

  function drawCurves(data) {
    var select = byId('curve-metric');
    var metric = select ? select.value : 'val_acc';
    var curves = data.curves;
    var series = data.trials.hash.map(function (hash, i) {
      var points = curves[metric][i].map(function (value, k) { return [curves.first[i] + k, value]; });
      var pruned = data.trials.status[i] === 'pruned';
      return { id: hash, name: hash.substring(0, 10), type: 'line', data: points, showSymbol: points.length === 1, symbolSize: 4,
        animation: false, lineStyle: { width: 1, opacity: pruned ? 0.15 : 0.8 }, itemStyle: { opacity: pruned ? 0.15 : 0.8 },
        emphasis: { focus: 'series' } };
    });
    chart('chart-curves', {
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) { return p.seriesName + ': epoch ' + p.value[0] + ', ' + metric + ' ' + p.value[1]; } },
      xAxis: { type: 'value', name: 'epoch', minInterval: 1, min: 'dataMin' },
      yAxis: { type: 'value', name: metric, scale: true },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      series: series
    }, function (p) { if (trialLinks && p.seriesId) window.location.href = trialHref(p.seriesId); });
  }

  function drawParallel(data) {
    var dims = data.parameters.concat([data.metric]);
    var axes = dims.map(function (name, dim) {
      var values = dim < data.parameters.length ? data.trials.params[name] : data.trials.metric;
      var type = axisType(values, data.logScaled.indexOf(name) >= 0);
      var axis = { dim: dim, name: name, type: type, scale: true };
      if (type === 'category') axis.data = distinctSorted(values).map(String);
      return axis;
    });
    var rows = [];
    data.trials.hash.forEach(function (hash, i) {
      if (data.trials.metric[i] === null) return;
      rows.push(data.parameters.map(function (name) {
        var value = data.trials.params[name][i];
        return isNumber(value) ? value : String(value);
      }).concat([data.trials.metric[i]]));
    });
    chart('chart-parallel', {
      animation: false,
      parallelAxis: axes,
      parallel: { left: 50, right: 60, top: 40, bottom: 30 },
      series: [{ type: 'parallel', data: rows, lineStyle: { width: 1, opacity: 0.5 } }]
    });
  }

  function drawImportance(data) {
    var note = byId('importance-method');
    if (note) note.textContent = 'Method: ' + data.importance.method + '.';
    chart('chart-importance', {
      animation: false,
      tooltip: {},
      grid: { left: 90, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'value', max: 1, name: 'share' },
      yAxis: { type: 'category', data: data.importance.parameters.slice().reverse() },
      series: [{ type: 'bar', data: data.importance.shares.slice().reverse() }]
    });
  }

  function drawVersus(data) {
    var holder = byId('charts-vs');
    data.parameters.forEach(function (name) {
      var id = 'chart-vs-' + name;
      chartBox(holder, id, data.metric + ' against ' + name);
      var values = data.trials.params[name];
      var type = axisType(values, data.logScaled.indexOf(name) >= 0);
      var points = [];
      values.forEach(function (value, i) {
        if (data.trials.metric[i] !== null) points.push([type === 'category' ? String(value) : value, data.trials.metric[i]]);
      });
      var xAxis = { type: type, name: name, scale: true };
      if (type === 'category') xAxis.data = distinctSorted(values).map(String);
      chart(id, {
        animation: false,
        tooltip: { trigger: 'item' },
        grid: { left: 60, right: 30, top: 30, bottom: 40 },
        xAxis: xAxis,
        yAxis: { type: 'value', name: data.metric, scale: true },
        series: [{ type: 'scatter', data: points, symbolSize: 6 }]
      });
    });
  }

  function drawHeatmap(data) {
    if (data.gridAxes.length !== 2) return;
    chartBox(byId('charts'), 'chart-heatmap', 'mean ' + data.metric + ': ' + data.gridAxes[0] + ' × ' + data.gridAxes[1]);
    var xName = data.gridAxes[0], yName = data.gridAxes[1];
    var xs = distinctSorted(data.trials.params[xName]), ys = distinctSorted(data.trials.params[yName]);
    var sums = {}, counts = {};
    data.trials.hash.forEach(function (hash, i) {
      var value = data.trials.metric[i];
      if (value === null || data.trials.status[i] !== 'completed') return;
      var key = xs.indexOf(data.trials.params[xName][i]) + ',' + ys.indexOf(data.trials.params[yName][i]);
      sums[key] = (sums[key] || 0) + value;
      counts[key] = (counts[key] || 0) + 1;
    });
    var cells = Object.keys(sums).map(function (key) {
      var xy = key.split(',');
      return [Number(xy[0]), Number(xy[1]), sums[key] / counts[key]];
    });
    var values = cells.map(function (cell) { return cell[2]; });
    chart('chart-heatmap', {
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 70, right: 60, top: 30, bottom: 80 },
      xAxis: { type: 'category', name: xName, data: xs.map(String) },
      yAxis: { type: 'category', name: yName, data: ys.map(String) },
      visualMap: { min: values.length ? Math.min.apply(null, values) : 0, max: values.length ? Math.max.apply(null, values) : 1,
        calculable: true, precision: 4, orient: 'horizontal', left: 'center', bottom: 0, inverse: data.goal === 'minimize' },
      series: [{ type: 'heatmap', data: cells, label: { show: cells.length <= 100, formatter: function (p) { return Number(p.value[2]).toPrecision(4); } } }]
    });
  }

  function drawSeeds(data) {
    var groups = data.seedGroups;
    if (groups.labels.length === 0) return;
    chartBox(byId('charts'), 'chart-seeds', 'mean ± std of ' + data.metric + ' over seeds (best ' + Math.min(groups.labels.length, 30) + ' configurations)');
    var shown = Math.min(groups.labels.length, 30);
    var labels = groups.labels.slice(0, shown);
    var bars = groups.means.slice(0, shown);
    var ranges = labels.map(function (label, i) {
      var std = groups.stds[i] || 0;
      return [i, groups.means[i] - std, groups.means[i] + std];
    });
    chart('chart-seeds', {
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) { return labels[p.dataIndex] + ': ' + groups.text[p.dataIndex] + ' (n=' + groups.n[p.dataIndex] + ')'; } },
      grid: { left: 60, right: 20, top: 20, bottom: 90 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30, fontSize: 9 } },
      yAxis: { type: 'value', name: data.metric, scale: true },
      series: [
        { type: 'bar', name: 'mean', data: bars },
        { type: 'custom', name: 'std', data: ranges, renderItem: function (params, api) {
          var low = api.coord([api.value(0), api.value(1)]), high = api.coord([api.value(0), api.value(2)]);
          var half = api.size([1, 0])[0] * 0.15;
          var style = { stroke: '#1d2433', lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
            { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style: style },
            { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style: style }] };
        }, encode: { x: 0, y: [1, 2] }, z: 10 }
      ]
    });
  }

  function drawBestSoFar(data) {
    // Trials in the order they ended; epochs consumed counts every ended trial's epochs (a pruned or failed one cost them too).
    var ended = data.trials.finishOrder;
    var maximize = data.goal === 'maximize';
    var best = null, epochs = 0;
    var byTrials = [], byEpochs = [];
    ended.forEach(function (i, n) {
      epochs += data.trials.epochs[i] || 0;
      var value = data.trials.rank[i] !== null ? data.trials.metric[i] : null;
      if (value !== null && (best === null || (maximize ? value > best : value < best))) best = value;
      if (best !== null) { byTrials.push([n + 1, best]); byEpochs.push([epochs, best]); }
    });
    chart('chart-best-so-far', {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: [{ left: 60, right: '54%', top: 30, bottom: 55 }, { left: '58%', right: 20, top: 30, bottom: 55 }],
      xAxis: [{ gridIndex: 0, type: 'value', name: 'trials ended', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
        { gridIndex: 1, type: 'value', name: 'epochs consumed', nameLocation: 'middle', nameGap: 28 }],
      yAxis: [{ gridIndex: 0, type: 'value', name: 'best ' + data.metric, scale: true }, { gridIndex: 1, type: 'value', scale: true }],
      series: [
        { type: 'line', name: 'best so far (trials)', step: 'end', xAxisIndex: 0, yAxisIndex: 0, data: byTrials, showSymbol: false },
        { type: 'line', name: 'best so far (epochs)', step: 'end', xAxisIndex: 1, yAxisIndex: 1, data: byEpochs, showSymbol: false }
      ]
    });
  }

  function setUpSweepControls() {
    var filter = byId('trial-filter');
    if (filter) filter.addEventListener('input', function () { sweepState.filter = filter.value; drawTrialTable(); });
    var status = byId('status-filter');
    if (status) status.addEventListener('change', function () { sweepState.status = status.value; drawTrialTable(); });
    var metric = byId('curve-metric');
    if (metric) metric.addEventListener('change', function () { if (sweepState.data) drawCurves(sweepState.data); });
  }

  // ---- a trial ---------------------------------------------------------------------------------------------------
  function drawTrial(trial) {
    var facts = clear(byId('facts'));
    facts.appendChild(table(['status', 'attempt', 'worker', 'code', 'epochs', 'started', 'finished', 'seconds', 'sweeps'],
      [[trial.status, trial.attempt, trial.worker, trial.code, trial.epochsDone, trial.startedAt, trial.finishedAt,
        trial.seconds === null ? null : trial.seconds.toFixed(1), trial.sweeps.join(', ')]]));
    var error = clear(byId('error'));
    if (trial.error) error.appendChild(el('pre', { 'class': 'error', id: 'error-text', text: trial.error }));
    else error.appendChild(el('p', { 'class': 'note', text: 'No error in attempt ' + trial.attempt + '.' }));
    clear(byId('config')).appendChild(table(Object.keys(trial.config), [Object.keys(trial.config).map(function (name) { return trial.config[name]; })]));
    clear(byId('metrics')).appendChild(table(Object.keys(trial.metrics), [Object.keys(trial.metrics).map(function (name) { return trial.metrics[name]; })]));
    var decisions = clear(byId('decisions'));
    if (trial.decisions.length === 0) decisions.appendChild(el('p', { 'class': 'note', text: 'No pruning decision recorded.' }));
    else decisions.appendChild(table(['sweep', 'attempt', 'rung', 'metric', 'value', 'threshold', 'compared', 'decision', 'rule', 'decided'],
      trial.decisions.map(function (d) { return [d.sweep, d.attempt, d.rung, d.metric, d.value, d.threshold, d.compared, d.decision, d.rule, d.decidedAt]; })));
    var curves = trial.curves;
    function points(name) { return curves.epoch.map(function (epoch, k) { return [epoch, curves[name][k]]; }); }
    chart('chart-trial-curves', {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: 'epoch', minInterval: 1, min: 'dataMin' },
      yAxis: [{ type: 'value', name: 'val_acc', scale: true }, { type: 'value', name: 'loss', scale: true }],
      series: [
        { type: 'line', name: 'val_acc', yAxisIndex: 0, data: points('val_acc') },
        { type: 'line', name: 'val_loss', yAxisIndex: 1, data: points('val_loss') },
        { type: 'line', name: 'train_loss', yAxisIndex: 1, data: points('train_loss') }
      ]
    });
  }

  window.addEventListener('resize', function () {
    Object.keys(window.sweepCharts).forEach(function (id) { window.sweepCharts[id].resize(); });
  });

  if (page === 'index') start(drawIndex);
  else if (page === 'sweep') { setUpSweepControls(); start(drawSweep); }
  else if (page === 'trial') start(drawTrial);
})();
