// Candle chart on uPlot (served from the jar's WebJar). uPlot draws axes, grid, cursor and legend;
// the candles and volume bars are painted in a draw hook. Prices become numbers here for plotting only.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

export const INTERVAL_SECONDS = { M1: 60, M5: 300, M15: 900, H1: 3_600, D1: 86_400 };

const UP = '#26a69a';
const DOWN = '#ef5350';
const AXIS = '#8b95a7';
const GRID = 'rgba(139,149,167,0.12)';
const PRICE = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const VOLUME = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const HOUR_MINUTE = new Intl.DateTimeFormat('en-IN', { hour: '2-digit', minute: '2-digit', hour12: false });
const DAY = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: 'short' });
const FULL = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

// Axis ticks a whole number of minutes, hours or days apart, so 24-hour labels never repeat.
const TIME_STEPS = [60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 14_400, 21_600, 43_200, 86_400, 2 * 86_400, 7 * 86_400,
  14 * 86_400, 30 * 86_400, 91 * 86_400, 182 * 86_400, 365 * 86_400];

const PLOT_HEIGHT = 290; // the legend goes below, as many lines as it needs

const hidden = { paths: () => null, points: { show: false } };

export class CandleChart {
  constructor(container) {
    this.container = container;
    this.interval = 'M1';
    this.rows = []; // [{t, o, h, l, c, v}] oldest first
    const size = this.size();
    this.plot = new uPlot({
      width: size.width,
      height: size.height,
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true, range: (u, min, max) => this.xRange(min, max) },
        y: { range: (u, min, max) => padded(min, max) },
        vol: { range: (u, min, max) => [0, Math.max(1, max) * 5] },
      },
      axes: [
        { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, space: 60, incrs: TIME_STEPS,
          values: (u, splits, i, space, step) => timeLabels(splits, step) },
        { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 70,
          values: (u, values) => values.map(v => PRICE.format(v)) },
      ],
      series: [
        { label: 'Time', value: (u, t) => (t == null ? '—' : FULL.format(new Date(t * 1000))) },
        { label: 'Open', ...hidden, value: (u, v) => fmt(v) },
        { label: 'High', ...hidden, value: (u, v) => fmt(v) },
        { label: 'Low', ...hidden, value: (u, v) => fmt(v) },
        { label: 'Close', ...hidden, value: (u, v) => fmt(v) },
        { label: 'Vol', scale: 'vol', ...hidden, value: (u, v) => (v == null ? '—' : VOLUME.format(v)) },
      ],
      legend: { live: true },
      hooks: {
        draw: [u => this.draw(u)],
        // Away from the cursor, the legend shows the latest candle rather than dashes.
        setCursor: [u => { if (u.cursor.idx == null) showLatest(u); }],
        setData: [u => { if (u.cursor.idx == null) showLatest(u); }],
      },
    }, this.columns(), container);
    new ResizeObserver(() => {
      const { width, height } = this.size();
      if (width !== this.plot.width) this.plot.setSize({ width, height });
    }).observe(container);
  }

  size() {
    return { width: Math.max(200, this.container.clientWidth), height: PLOT_HEIGHT };
  }

  /** Replaces the candles (CandleView objects from the API) for an interval. */
  load(interval, candles) {
    this.interval = interval;
    this.rows = candles.map(row).sort((a, b) => a.t - b.t);
    this.plot.setData(this.columns());
  }

  /** Adds or replaces one live candle. */
  upsert(candle) {
    const r = row(candle);
    const last = this.rows[this.rows.length - 1];
    if (!last || r.t > last.t) this.rows.push(r);
    else {
      const i = this.rows.findIndex(x => x.t === r.t);
      if (i >= 0) this.rows[i] = r;
      else {
        this.rows.push(r);
        this.rows.sort((a, b) => a.t - b.t);
      }
    }
    this.plot.setData(this.columns());
  }

  /**
   * The full range gets room for one candle before the first and two after the last (uPlot would
   * stretch a lone candle over a thousand days); a zoomed range stays as the user dragged it.
   */
  xRange(min, max) {
    const step = INTERVAL_SECONDS[this.interval];
    const first = this.rows[0];
    const last = this.rows[this.rows.length - 1];
    if (!first) {
      const now = Date.now() / 1000;
      return [now - 60 * step, now];
    }
    if (min <= first.t && (max >= last.t || this.rows.length === 1)) return [first.t - step, last.t + 2 * step];
    return [min, max];
  }

  get empty() { return this.rows.length === 0; }

  columns() {
    const rows = this.rows;
    return [rows.map(r => r.t), rows.map(r => r.o), rows.map(r => r.h), rows.map(r => r.l), rows.map(r => r.c), rows.map(r => r.v)];
  }

  draw(u) {
    const [t, o, hi, lo, c, v] = u.data;
    if (t.length === 0) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const xMin = u.scales.x.min;
    const xMax = u.scales.x.max;
    const pxPerSecond = width / Math.max(1, xMax - xMin);
    const body = Math.max(1, Math.min(16 * devicePixelRatio, INTERVAL_SECONDS[this.interval] * pxPerSecond * 0.7));
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    const volumeBase = u.valToPos(0, 'vol', true);
    for (let i = 0; i < t.length; i++) {
      if (t[i] < xMin - INTERVAL_SECONDS[this.interval] || t[i] > xMax) continue;
      const x = u.valToPos(t[i], 'x', true);
      const rising = c[i] >= o[i];
      ctx.fillStyle = rising ? UP : DOWN;
      ctx.strokeStyle = rising ? UP : DOWN;
      ctx.globalAlpha = 0.25;
      const vy = u.valToPos(v[i], 'vol', true);
      ctx.fillRect(Math.round(x - body / 2), vy, Math.max(1, Math.round(body)), volumeBase - vy);
      ctx.globalAlpha = 1;
      ctx.lineWidth = Math.max(1, devicePixelRatio);
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, u.valToPos(hi[i], 'y', true));
      ctx.lineTo(Math.round(x) + 0.5, u.valToPos(lo[i], 'y', true));
      ctx.stroke();
      const yOpen = u.valToPos(o[i], 'y', true);
      const yClose = u.valToPos(c[i], 'y', true);
      ctx.fillRect(Math.round(x - body / 2), Math.min(yOpen, yClose), Math.max(1, Math.round(body)), Math.max(1, Math.abs(yClose - yOpen)));
    }
    ctx.restore();
  }
}

function showLatest(u) {
  const n = u.data[0].length;
  if (n > 0) u.setLegend({ idx: n - 1 }, false);
}

function row(candle) {
  return {
    t: Math.floor(Date.parse(candle.start) / 1000),
    o: Number(candle.open), h: Number(candle.high), l: Number(candle.low), c: Number(candle.close), v: candle.volume,
  };
}

/** 24-hour times, with the date where a day starts; dates alone once ticks are a day or more apart. */
function timeLabels(splits, step) {
  return splits.map(t => {
    const d = new Date(t * 1000);
    const midnight = d.getHours() === 0 && d.getMinutes() === 0;
    return step >= 86_400 || midnight ? DAY.format(d) : HOUR_MINUTE.format(d);
  });
}

function padded(min, max) {
  if (min == null || max == null) return [0, 1];
  const pad = Math.max((max - min) * 0.08, max * 0.001);
  return [min - pad, max + pad];
}

function fmt(v) {
  return v == null ? '—' : PRICE.format(v);
}
