// Cash and holdings with average cost and P&L, reloaded on every balance event of the private
// balances channel (a fill moves several ledger entries at once, so reloads are debounced).

import { $, debounce, fill, h, reconcile } from './dom.js';
import { direction, inr, price, qty } from './format.js';
import { followPrivateChannel } from './stream.js';

export function mountPortfolio(app) {
  const panel = $('#portfolio-panel');

  async function reload() {
    if (!app.session.signedIn) return;
    try {
      render(await app.api.get('/api/v1/portfolio/balances'));
    } catch (error) {
      app.toast(`Balances: ${error.code}`, 'error');
    }
  }
  const reloadSoon = debounce(reload, 250);

  function render({ cash, holdings }) {
    const item = (label, value, id) => h('div', {}, h('dt', {}, label), h('dd', { id }, value));
    fill($('#cash'),
      item('Available', inr(cash.available), 'cash-available'),
      item('Reserved', inr(cash.reserved), 'cash-reserved'),
      item('Total', inr(cash.total), 'cash-total'));
    const body = $('#holdings tbody');
    if (holdings.length === 0) {
      fill(body, h('tr', { class: 'empty' }, h('td', { colspan: 7 }, 'No holdings')));
      return;
    }
    reconcile(body, holdings.map(x => h('tr', { dataset: { symbol: x.symbol } },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: () => app.selectSymbol(x.symbol) }, x.symbol)),
      h('td', { class: 'num', title: `${qty(x.available)} available, ${qty(x.reserved)} reserved` }, qty(x.quantity)),
      h('td', { class: 'num' }, price(x.averageCost)),
      h('td', { class: 'num' }, price(x.lastPrice)),
      h('td', { class: 'num' }, inr(x.marketValue)),
      h('td', { class: `num ${direction(x.unrealizedPnl)}` }, inr(x.unrealizedPnl, { signed: true })),
      h('td', { class: `num ${direction(x.realizedPnl)}` }, inr(x.realizedPnl, { signed: true })))), 'symbol');
  }

  const start = followPrivateChannel(app, { panel, channel: 'balances', onEvent: reloadSoon, load: reload });

  return { start, reload: reloadSoon };
}
