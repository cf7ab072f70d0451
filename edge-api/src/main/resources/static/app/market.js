// The selected symbol: header stats (ticker), candle chart, L2 depth ladder and trades tape, each
// loaded over REST and then kept live over the stream.

import { DepthBook } from './book.js';
import { CandleChart } from './chart.js';
import { $, fill, h } from './dom.js';
import { clock, direction, inr, percent, price, qty } from './format.js';

const LOOKBACK_SECONDS = { M1: 6 * 3_600, M5: 86_400, M15: 3 * 86_400, H1: 14 * 86_400, D1: 365 * 86_400 };
const DEPTH_LEVELS = 10;
const TAPE_ROWS = 40;

export function mountMarket(app) {
  const chart = new CandleChart($('#chart'));
  const note = $('#chart-note');
  const book = new DepthBook();
  let interval = 'M1';
  let symbol = null;
  let stops = []; // unsubscribe functions of the current symbol
  let candleStop = null;
  let symbolGeneration = 0; // guards against answers for a symbol no longer shown
  let candleGeneration = 0; // ... or an interval no longer shown

  for (const button of document.querySelectorAll('#intervals button')) {
    button.addEventListener('click', () => {
      interval = button.dataset.interval;
      for (const b of document.querySelectorAll('#intervals button')) b.setAttribute('aria-pressed', String(b === button));
      if (symbol) watchCandles();
    });
  }

  function show(next) {
    if (next === symbol) return;
    for (const stop of stops) stop();
    candleStop?.();
    symbol = next;
    symbolGeneration++;
    const instrument = app.instruments.get(symbol);
    $('#symbol-name').textContent = symbol;
    $('#symbol-fullname').textContent = instrument?.name ?? '';
    document.title = `${symbol} — Bourse`;
    renderStats(app.tickers.get(symbol));
    book.reset();
    renderDepth();
    fill($('#tape tbody'));
    stops = [
      app.stream.subscribe(`ticker.${symbol}`, ticker => renderStats(ticker)),
      app.stream.subscribe(`book.${symbol}`, message => onBook(message)),
      app.stream.subscribe(`trades.${symbol}`, trade => addTrades([trade], true)),
    ];
    loadTrades();
    watchCandles();
  }

  // ---- header ----
  function renderStats(ticker) {
    const stats = $('#symbol-stats');
    if (!ticker) {
      fill(stats, h('div', {}, h('dt', {}, 'Last'), h('dd', {}, 'no trades yet')));
      return;
    }
    const dir = direction(ticker.change);
    const item = (label, value, cls = '') => h('div', {}, h('dt', {}, label), h('dd', { class: cls }, value));
    fill(stats,
      item('Last', inr(ticker.lastPrice), `big ${dir}`),
      item('Change', `${price(ticker.change, { signed: true })} (${percent(ticker.changePercent)})`, dir),
      item('High', price(ticker.high)),
      item('Low', price(ticker.low)),
      item('Volume', qty(ticker.volume)),
      item('Turnover', inr(ticker.turnover)),
      item('Bid', price(ticker.bestBid), 'up'),
      item('Ask', price(ticker.bestAsk), 'down'));
  }

  // ---- candles ----
  async function watchCandles() {
    candleStop?.();
    const mine = ++candleGeneration;
    const wanted = interval;
    const early = [];
    let loaded = false;
    candleStop = app.stream.subscribe(`candles.${symbol}.${wanted}`, candle => {
      if (loaded) {
        chart.upsert(candle);
        note.textContent = '';
      } else early.push(candle);
    });
    note.textContent = 'Loading…';
    const from = new Date(Date.now() - LOOKBACK_SECONDS[wanted] * 1000).toISOString();
    try {
      const candles = await app.api.get(`/api/v1/market/${encodeURIComponent(symbol)}/candles?interval=${wanted}&from=${from}`);
      if (mine !== candleGeneration) return;
      chart.load(wanted, candles);
      loaded = true;
      early.forEach(c => chart.upsert(c));
      note.textContent = chart.empty ? 'No trades in this period yet' : '';
    } catch (error) {
      if (mine === candleGeneration) note.textContent = `Candles unavailable: ${error.code}`;
    }
  }

  // ---- depth ----
  let drawPending = false;
  function onBook(message) {
    const outcome = book.apply(message);
    if (outcome === 'gap') {
      // A delta went missing: start over from a new snapshot.
      book.reset();
      app.stream.resubscribe(`book.${symbol}`);
    } else if (outcome === 'unavailable') {
      const channel = `book.${symbol}`;
      setTimeout(() => { if (`book.${symbol}` === channel) app.stream.resubscribe(channel); }, 1_000);
    }
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(() => {
        drawPending = false;
        renderDepth();
      });
    }
  }

  function renderDepth() {
    const { bids, asks } = book.top(DEPTH_LEVELS);
    const cumulative = levels => {
      let total = 0;
      return levels.map(([p, q]) => [p, q, (total += q)]);
    };
    const bidRows = cumulative(bids);
    const askRows = cumulative(asks);
    const deepest = Math.max(1, bidRows.at(-1)?.[2] ?? 0, askRows.at(-1)?.[2] ?? 0);
    const row = (side, [p, q, total]) => {
      const tr = h('tr', { class: side, dataset: { price: p } },
        h('td', { class: 'num' }, h('button', { type: 'button', class: 'link price', title: 'Use this price in the ticket',
          onclick: () => app.useTicketPrice(p) }, price(p))),
        h('td', { class: 'num' }, qty(q)),
        h('td', { class: 'num muted' }, qty(total)));
      tr.style.setProperty('--depth', `${Math.round((total / deepest) * 100)}%`);
      return tr;
    };
    fill($('#depth tbody.asks'), askRows.reverse().map(r => row('ask', r)));
    fill($('#depth tbody.bids'), bidRows.map(r => row('bid', r)));
    const spread = $('#spread');
    if (bids.length && asks.length) {
      const gap = (Math.round(Number(asks[0][0]) * 100) - Math.round(Number(bids[0][0]) * 100)) / 100;
      spread.textContent = `Spread ${price(gap.toFixed(2))}`;
    } else {
      spread.textContent = book.sequence === null ? 'Loading book…' : 'Book is one-sided or empty';
    }
  }

  // ---- trades tape ----
  const seen = new Set();
  async function loadTrades() {
    const mine = symbolGeneration;
    seen.clear();
    try {
      const trades = await app.api.get(`/api/v1/market/${encodeURIComponent(symbol)}/trades?limit=${TAPE_ROWS}`);
      if (mine === symbolGeneration) addTrades(trades.slice().reverse(), false);
    } catch {
      // the tape fills from the stream
    }
  }

  function addTrades(trades, live) {
    const body = $('#tape tbody');
    for (const trade of trades) {
      if (seen.has(trade.tradeId)) continue;
      seen.add(trade.tradeId);
      const side = trade.aggressorSide === 'BUY' ? 'up' : 'down';
      body.prepend(h('tr', { class: live ? 'fresh' : '', dataset: { tradeId: trade.tradeId } },
        h('td', { class: 'muted' }, clock(trade.time)),
        h('td', { class: `num ${side}` }, price(trade.price)),
        h('td', { class: 'num' }, qty(trade.quantity))));
    }
    while (body.rows.length > TAPE_ROWS) {
      seen.delete(body.lastElementChild.dataset.tradeId);
      body.lastElementChild.remove();
    }
  }

  app.onSymbol(show);
  // A new connection starts every book from a new snapshot.
  app.stream.onStatus(status => {
    if (status === 'connecting') book.reset();
  });
  return { show };
}
