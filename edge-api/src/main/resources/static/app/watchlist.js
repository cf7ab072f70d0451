// Market watch: every instrument with last price, change % and volume, live from ticker.<SYMBOL>.

import { $, h } from './dom.js';
import { direction, percent, price, qty } from './format.js';

export function mountWatchlist(app) {
  const body = $('#watchlist tbody');
  const rows = new Map(); // symbol → {row, last, change, volume}
  let unsubscribe = [];

  /** Shows `instruments`, replacing what was shown; call update() with the tickers already known. */
  function render(instruments) {
    for (const stop of unsubscribe) stop();
    unsubscribe = [];
    body.replaceChildren();
    rows.clear();
    for (const instrument of instruments) {
      const symbol = instrument.symbol;
      const last = h('td', { class: 'num last' }, '—');
      const change = h('td', { class: 'num' }, '—');
      const volume = h('td', { class: 'num' }, '—');
      const button = h('button', { type: 'button', class: 'link', title: instrument.name, onclick: () => app.selectSymbol(symbol) },
        h('span', { class: 'sym' }, symbol), instrument.status !== 'TRADING' ? h('span', { class: 'badge warn' }, instrument.status) : null);
      const row = h('tr', { dataset: { symbol } }, h('th', { scope: 'row' }, button), last, change, volume);
      rows.set(symbol, { row, last, change, volume });
      body.append(row);
      unsubscribe.push(app.stream.subscribe(`ticker.${symbol}`, ticker => update(ticker)));
    }
    highlight(app.symbol);
  }

  function update(ticker) {
    const cells = rows.get(ticker.symbol);
    if (!cells) return;
    const previous = cells.last.dataset.value;
    cells.last.textContent = price(ticker.lastPrice);
    cells.last.dataset.value = ticker.lastPrice;
    if (previous && previous !== ticker.lastPrice) {
      const moved = Number(ticker.lastPrice) > Number(previous) ? 'flash-up' : 'flash-down';
      cells.last.classList.remove('flash-up', 'flash-down');
      void cells.last.offsetWidth; // restart the animation
      cells.last.classList.add(moved);
    }
    cells.change.textContent = percent(ticker.changePercent);
    cells.change.className = `num ${direction(ticker.changePercent)}`;
    cells.volume.textContent = qty(ticker.volume);
    cells.row.dataset.live = 'true';
  }

  function highlight(symbol) {
    for (const [s, cells] of rows) {
      if (s === symbol) cells.row.setAttribute('aria-current', 'true');
      else cells.row.removeAttribute('aria-current');
    }
  }

  app.onSymbol(highlight);
  return { render, update };
}
