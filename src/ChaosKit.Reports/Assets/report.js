/* ChaosKit report: draws the charts from the result JSON embedded in the page (#chaoskit-data).
   The tables are rendered server-side; this script only adds the time series. window.chaoskitCharts
   reports what was drawn, so automated checks can tell a drawn chart from an empty canvas. */
(() => {
  'use strict';

  const state = { ready: false, charts: [] };
  window.chaoskitCharts = state;

  const data = JSON.parse(document.getElementById('chaoskit-data').textContent);
  const phases = data.phases;
  const seconds = data.seconds;

  const OUTCOMES = [
    ['ok', 'OK'], ['fallback', 'Fallback'], ['failed', 'Failed'],
    ['timeout', 'Timeout'], ['error', 'Error'], ['dropped', 'Dropped'],
  ];
  const PERCENTILES = [['p50Ms', 'p50', 1.5], ['p95Ms', 'p95', 2], ['p99Ms', 'p99', 1.5]];

  // Colours live in report.css (--c-*, --band-*); read them here so light and dark mode share one source.
  const theme = {};
  function readTheme() {
    const css = getComputedStyle(document.documentElement);
    const names = ['grid', 'axis', 'font', 'band-a', 'band-b', 'band-fault', 'band-edge', 'band-label', 'band-label-fault']
      .concat(OUTCOMES.map(([key]) => 'c-' + key), PERCENTILES.map(([, label]) => 'c-' + label));
    for (const name of names) theme[name] = css.getPropertyValue('--' + name).trim();
  }

  // --- formatting (mirrors Html/Format.cs) ---
  const two = (n) => String(n).padStart(2, '0');
  const clock = (s) => {
    const t = Math.round(s * 10);
    const text = t < 36000
      ? Math.floor(t / 600) + ':' + two(Math.floor(t / 10) % 60)
      : Math.floor(t / 36000) + ':' + two(Math.floor(t / 600) % 60) + ':' + two(Math.floor(t / 10) % 60);
    return t % 10 === 0 ? text : text + '.' + (t % 10);
  };
  const ms = (v) => v == null ? '—' : v >= 1000 ? +(v / 1000).toPrecision(3) + ' s' : +v.toPrecision(3) + ' ms';

  // Buckets are plotted at their centre, so bar edges and phase boundaries line up on whole seconds.
  const xs = seconds.map((b) => b.second + 0.5);
  const xMax = Math.max(
    data.durationSeconds,
    seconds.length ? seconds[seconds.length - 1].second + 1 : 0,
    phases.length ? phases[phases.length - 1].endSeconds : 0,
    1);

  const LABEL_STRIP = 22; // CSS px above the plot area where phase names are written
  const CLOCK_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

  function xAxis() {
    return {
      stroke: () => theme.axis,
      grid: { stroke: () => theme.grid, width: 1 },
      ticks: { stroke: () => theme.grid, width: 1, size: 4 },
      incrs: CLOCK_INCRS,
      values: (u, splits) => splits.map(clock),
      font: '11px ' + theme.font,
    };
  }

  // 1-2-5 steps per decade on a log axis, every one labelled: fewer, readable grid lines.
  function logSplits(u, axisIdx, min, max) {
    const splits = [];
    for (let decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
      for (const m of [1, 2, 5]) {
        const v = decade * m;
        if (v >= min && v <= max) splits.push(v);
      }
    }
    return splits;
  }

  function yAxis(label, values, splits) {
    return {
      label,
      labelSize: 18,
      labelFont: '600 11px ' + theme.font,
      stroke: () => theme.axis,
      grid: { stroke: () => theme.grid, width: 1 },
      ticks: { show: false },
      values,
      splits,
      filter: splits ? (u, vals) => vals : undefined,
      size: 56,
      font: '11px ' + theme.font,
    };
  }

  // Shades each timeline phase as a band (faulty phases tinted), separates phases with dashed lines and
  // writes the phase names in a strip above the plot.
  function phaseBands(record) {
    const bandOf = (u, p) => {
      const { left, width } = u.bbox;
      const x0 = Math.max(left, Math.round(u.valToPos(p.startSeconds, 'x', true)));
      const x1 = Math.min(left + width, Math.round(u.valToPos(p.endSeconds, 'x', true)));
      return x1 > x0 ? [x0, x1] : null;
    };
    return {
      hooks: {
        drawClear: [(u) => {
          const ctx = u.ctx;
          const strip = LABEL_STRIP * uPlot.pxRatio;
          const { top, height } = u.bbox;
          let bands = 0;
          phases.forEach((p, i) => {
            const band = bandOf(u, p);
            if (!band) return;
            ctx.fillStyle = p.faults.length ? theme['band-fault'] : theme[i % 2 ? 'band-b' : 'band-a'];
            ctx.fillRect(band[0], top - strip, band[1] - band[0], height + strip);
            bands++;
          });
          record.bands = bands;
        }],
        draw: [(u) => {
          const ctx = u.ctx;
          const dpr = uPlot.pxRatio;
          const strip = LABEL_STRIP * dpr;
          const { top, height } = u.bbox;
          let labels = 0;
          ctx.save();
          ctx.font = `600 ${11.5 * dpr}px ${theme.font}`;
          // uPlot leaves the alignment of its last axis label on the context.
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          phases.forEach((p, i) => {
            const band = bandOf(u, p);
            if (!band) return;
            const [x0, x1] = band;
            if (i > 0) {
              ctx.strokeStyle = theme['band-edge'];
              ctx.lineWidth = dpr;
              ctx.setLineDash([4 * dpr, 3 * dpr]);
              ctx.beginPath();
              ctx.moveTo(x0 + 0.5, top - strip);
              ctx.lineTo(x0 + 0.5, top + height);
              ctx.stroke();
              ctx.setLineDash([]);
            }
            const faulty = p.faults.length > 0;
            const pad = 6 * dpr;
            const mark = faulty ? 9 * dpr : 0;
            const text = fitText(ctx, p.name, x1 - x0 - 2 * pad - mark);
            if (!text) return;
            const y = top - strip / 2;
            if (faulty) {
              // A small filled triangle marks faulty phases without relying on an emoji font.
              ctx.fillStyle = theme['band-label-fault'];
              ctx.beginPath();
              ctx.moveTo(x0 + pad, y + 3.5 * dpr);
              ctx.lineTo(x0 + pad + 7 * dpr, y + 3.5 * dpr);
              ctx.lineTo(x0 + pad + 3.5 * dpr, y - 3.5 * dpr);
              ctx.closePath();
              ctx.fill();
            }
            ctx.fillStyle = faulty ? theme['band-label-fault'] : theme['band-label'];
            ctx.fillText(text, x0 + pad + mark, y);
            labels++;
          });
          ctx.restore();
          record.labels = labels;
          u.root.dataset.phaseBands = String(record.bands);
          u.root.dataset.phaseLabels = String(labels);
        }],
      },
    };
  }

  function fitText(ctx, text, width) {
    if (width <= 0) return '';
    if (ctx.measureText(text).width <= width) return text;
    for (let n = text.length - 1; n > 0; n--) {
      const cut = text.slice(0, n) + '…';
      if (ctx.measureText(cut).width <= width) return cut;
    }
    return '';
  }

  // The legend reads "whole run" until the cursor points at a second.
  function timeSeries() {
    return { label: 'Time', value: (u, v) => (v == null ? 'whole run' : clock(Math.floor(v)) + '–' + clock(Math.floor(v) + 1)) };
  }

  function baseOptions(record, height) {
    return {
      width: chartWidth(record.el),
      height,
      padding: [LABEL_STRIP, 24, 0, 0], // room on the right for the last time label
      cursor: { sync: { key: 'chaoskit' }, points: { size: 6 } },
      scales: { x: { time: false, range: () => [0, xMax] } },
      plugins: [phaseBands(record)],
      legend: { live: true },
    };
  }

  function chartWidth(el) {
    return Math.max(320, Math.floor(el.getBoundingClientRect().width));
  }

  const fromZero = () => ({ range: (u, min, max) => [0, Math.max(1, max * 1.05)] });

  function outcomesChart(record) {
    const raw = OUTCOMES.map(([key]) => seconds.map((b) => b[key]));
    const sums = new Array(xs.length).fill(0);
    const stacked = raw.map((col) => col.map((v, i) => (sums[i] += v)));
    const bars = uPlot.paths.bars({ size: [0.9, Infinity, 1], gap: 0 });
    const opts = Object.assign(baseOptions(record, 280), {
      series: [
        timeSeries(),
        ...OUTCOMES.map(([key, label], s) => ({
          label,
          width: 0,
          paths: bars,
          points: { show: false },
          stroke: () => theme['c-' + key],
          fill: () => theme['c-' + key],
          // Stacked values are drawn; the legend shows the series' own count (the run's total when idle).
          value: (u, v, si, i) => (i == null ? data.overall.outcomes[key] : raw[s][i]).toLocaleString('en-US'),
        })),
      ],
      // Each series is drawn from the one below it, which makes the bars stack.
      bands: OUTCOMES.slice(1).map((_, s) => ({ series: [s + 2, s + 1] })),
      axes: [xAxis(), yAxis('requests / s')],
    });
    opts.scales.y = fromZero();
    record.plot = new uPlot(opts, [xs, ...stacked], record.el);
  }

  let logScale = true;

  function latencyChart(record) {
    // A second with no completed request has no latency: a gap, not a zero.
    const lines = PERCENTILES.map(([key]) => seconds.map((b) => (b[key] > 0 ? b[key] : null)));
    const useLog = logScale && lines.some((l) => l.some((v) => v != null));
    const opts = Object.assign(baseOptions(record, 240), {
      series: [
        timeSeries(),
        ...PERCENTILES.map(([key, label, width]) => ({
          label,
          width,
          stroke: () => theme['c-' + label],
          points: { show: false },
          value: (u, v, si, i) => ms(i == null ? data.overall.latency[key] : v),
        })),
      ],
      axes: [xAxis(), yAxis(useLog ? 'ms (log)' : 'ms', (u, splits) => splits.map((v) => (v == null ? '' : ms(v))), useLog ? logSplits : undefined)],
    });
    opts.scales.y = useLog ? { distr: 3, log: 10 } : fromZero();
    record.plot = new uPlot(opts, [xs, ...lines], record.el);
  }

  // Provider calls by the fakes' status, grouped as a reader thinks of them.
  const STATUS_GROUPS = [
    ['2xx', 'answered 2xx', 'c-ok', (s) => s >= 200 && s < 300],
    ['429', '429 rate limited', 'c-fallback', (s) => s === 429],
    ['4xx', 'other 4xx', 'c-timeout', (s) => s >= 400 && s < 500 && s !== 429 && s !== 499],
    ['5xx', '5xx', 'c-failed', (s) => s >= 500],
    ['none', 'no answer', 'c-error', (s) => s === 0 || s === 499 || (s > 0 && s < 200) || (s >= 300 && s < 400)],
  ];
  const providerSeconds = data.providerSeconds || [];
  // One value per request second, so the provider charts share the outcome chart's x values.
  function providerColumn(test) {
    const bySecond = new Map(providerSeconds.map((p) => [p.second, p.byStatus]));
    return seconds.map((b) => {
      const statuses = bySecond.get(b.second) || {};
      let sum = 0;
      for (const [status, count] of Object.entries(statuses)) if (test(Number(status))) sum += count;
      return sum;
    });
  }

  function providerChart(record) {
    const raw = STATUS_GROUPS.map(([, , , test]) => providerColumn(test));
    const sums = new Array(xs.length).fill(0);
    const stacked = raw.map((col) => col.map((v, i) => (sums[i] += v)));
    const bars = uPlot.paths.bars({ size: [0.9, Infinity, 1], gap: 0 });
    const totals = raw.map((col) => col.reduce((a, b) => a + b, 0));
    const opts = Object.assign(baseOptions(record, 240), {
      series: [
        timeSeries(),
        ...STATUS_GROUPS.map(([, label, colour], s) => ({
          label, width: 0, paths: bars, points: { show: false },
          stroke: () => theme[colour], fill: () => theme[colour],
          value: (u, v, si, i) => (i == null ? totals[s] : raw[s][i]).toLocaleString('en-US'),
        })),
      ],
      bands: STATUS_GROUPS.slice(1).map((_, s) => ({ series: [s + 2, s + 1] })),
      axes: [xAxis(), yAxis('calls / s')],
    });
    opts.scales.y = fromZero();
    record.plot = new uPlot(opts, [xs, ...stacked], record.el);
  }

  function amplificationChart(record) {
    const calls = providerColumn(() => true);
    const perRequest = seconds.map((b, i) => {
      const requests = b.ok + b.fallback + b.failed + b.timeout + b.error;
      return requests > 0 ? +(calls[i] / requests).toFixed(2) : null;
    });
    const totalCalls = calls.reduce((a, b) => a + b, 0);
    const scheduled = data.overall.outcomes.scheduled;
    const opts = Object.assign(baseOptions(record, 200), {
      series: [
        timeSeries(),
        { label: 'calls per request', width: 2, stroke: () => theme['c-p95'], points: { show: false },
          value: (u, v, si, i) => (i == null ? (scheduled > 0 ? (totalCalls / scheduled).toFixed(2) : '—') : v == null ? '—' : v) },
      ],
      axes: [xAxis(), yAxis('calls / request')],
    });
    opts.scales.y = fromZero();
    record.plot = new uPlot(opts, [xs, perRequest], record.el);
  }

  function ttfbChart(record) {
    // A second without a streamed answer has no first byte: a gap, not a zero.
    const line = seconds.map((b) => (b.ttfbP95Ms > 0 ? b.ttfbP95Ms : null));
    const opts = Object.assign(baseOptions(record, 200), {
      series: [
        timeSeries(),
        { label: 'first byte p95', width: 2, stroke: () => theme['c-p95'], points: { show: false },
          value: (u, v) => ms(v) },
      ],
      axes: [xAxis(), yAxis('ms', (u, splits) => splits.map((v) => (v == null ? '' : ms(v))))],
    });
    opts.scales.y = fromZero();
    record.plot = new uPlot(opts, [xs, line], record.el);
  }

  function mount(builder, id) {
    const el = document.getElementById(id);
    if (!el) return null;
    el.textContent = '';
    const record = { id, el, bands: 0, labels: 0, plot: null };
    try {
      builder(record);
      return record;
    } catch (e) {
      el.innerHTML = '<p class="chart-error">This chart could not be drawn; the tables hold the same numbers.</p>';
      console.error('ChaosKit chart ' + id + ' failed:', e);
      return null;
    }
  }

  function render() {
    readTheme();
    for (const c of state.charts) c.plot.destroy();
    state.charts = [
      mount(outcomesChart, 'chart-outcomes'), mount(latencyChart, 'chart-latency'), mount(ttfbChart, 'chart-ttfb'),
      mount(providerChart, 'chart-provider'), mount(amplificationChart, 'chart-amplification'),
    ].filter(Boolean);
    state.phases = phases.length;
  }

  function addLogToggle() {
    const host = document.getElementById('latency-tools');
    if (!host) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Log scale';
    button.setAttribute('aria-pressed', String(logScale));
    button.addEventListener('click', () => {
      logScale = !logScale;
      button.setAttribute('aria-pressed', String(logScale));
      const i = state.charts.findIndex((c) => c.id === 'chart-latency');
      if (i < 0) return;
      state.charts[i].plot.destroy();
      state.charts[i] = mount(latencyChart, 'chart-latency');
    });
    host.appendChild(button);
  }

  render();
  addLogToggle();

  // Follow the container width, and redraw with the other palette when the colour scheme flips.
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const c of state.charts) {
        const width = chartWidth(c.el);
        if (width !== c.plot.width) c.plot.setSize({ width, height: c.plot.height });
      }
    });
  }).observe(document.querySelector('#timeline'));
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);

  state.ready = true;
  document.documentElement.dataset.chartsReady = 'true';
})();
