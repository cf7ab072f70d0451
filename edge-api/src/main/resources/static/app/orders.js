// Open orders (with cancel) and recent orders, reloaded whenever the private orders channel says
// something happened to one of them.

import { $, debounce, fill, h, reconcile } from './dom.js';
import { price, qty, when } from './format.js';
import { followPrivateChannel } from './stream.js';

const RECENT = 15;
const NOTABLE = new Set(['FILL', 'FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED']);

export function mountOrders(app) {
  const openBody = $('#open-orders tbody');
  const recentBody = $('#recent-orders tbody');
  const panel = $('#orders-panel');

  async function reload() {
    if (!app.session.signedIn) return;
    try {
      const [open, recent] = await Promise.all([
        app.api.get('/api/v1/orders?status=open&limit=100'),
        app.api.get(`/api/v1/orders?status=all&limit=${RECENT}`),
      ]);
      renderOpen(open);
      renderRecent(recent);
    } catch (error) {
      app.toast(`Orders: ${error.code}`, 'error');
    }
  }
  const reloadSoon = debounce(reload, 150);

  function renderOpen(orders) {
    if (orders.length === 0) {
      fill(openBody, h('tr', { class: 'empty' }, h('td', { colspan: 9 }, 'No open orders')));
      return;
    }
    reconcile(openBody, orders.map(o => h('tr', { dataset: { orderId: o.orderId, symbol: o.symbol } },
      h('td', { class: 'muted' }, when(o.createdAt)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => app.selectSymbol(o.symbol) }, o.symbol)),
      h('td', { class: o.side === 'BUY' ? 'up' : 'down' }, o.side),
      h('td', {}, o.type),
      h('td', { class: 'num' }, price(o.price)),
      h('td', { class: 'num' }, qty(o.quantity)),
      h('td', { class: 'num' }, qty(o.filledQuantity)),
      h('td', {}, o.timeInForce),
      h('td', {}, h('button', { type: 'button', class: 'cancel', 'aria-label': `Cancel ${o.side} ${o.quantity} ${o.symbol} at ${o.price ?? 'market'}`,
        onclick: event => cancel(o, event.currentTarget) }, 'Cancel')))), 'orderId');
  }

  function renderRecent(orders) {
    if (orders.length === 0) {
      fill(recentBody, h('tr', { class: 'empty' }, h('td', { colspan: 9 }, 'No orders yet')));
      return;
    }
    reconcile(recentBody, orders.map(o => h('tr', { dataset: { orderId: o.orderId } },
      h('td', { class: 'muted' }, when(o.updatedAt)),
      h('td', {}, o.symbol),
      h('td', { class: o.side === 'BUY' ? 'up' : 'down' }, o.side),
      h('td', {}, o.type),
      h('td', { class: 'num' }, price(o.price)),
      h('td', { class: 'num' }, `${qty(o.filledQuantity)} / ${qty(o.quantity)}`),
      h('td', { class: 'num' }, price(o.averageFillPrice)),
      h('td', { class: 'num' }, price(o.fees)),
      h('td', {}, h('span', { class: `status ${o.status.toLowerCase()}`, title: o.reason ?? '' }, o.status),
        o.reason ? h('small', { class: 'muted' }, ` ${o.reason}`) : null))), 'orderId');
  }

  async function cancel(order, button) {
    button.disabled = true;
    button.textContent = 'Cancelling…';
    try {
      await app.api.delete(`/api/v1/orders/${encodeURIComponent(order.orderId)}`);
      app.toast(`Cancelled ${order.side} ${order.quantity} ${order.symbol}`, 'ok');
    } catch (error) {
      app.toast(`Cancel refused: ${error.code} — ${error.detail}`, 'error');
    }
    reload();
  }

  function onEvent(event) {
    if (NOTABLE.has(event.type)) {
      const fill = event.type === 'FILL' ? ` ${qty(event.fillQuantity)} @ ${price(event.fillPrice)}` : '';
      app.toast(`${event.symbol} ${event.side} ${event.type.toLowerCase()}${fill}${event.reason ? ` (${event.reason})` : ''}`,
        event.type === 'REJECTED' ? 'error' : 'ok');
    }
    reloadSoon();
  }

  const start = followPrivateChannel(app, {
    panel, channel: 'orders', onEvent, load: reload,
    clear: () => { openBody.replaceChildren(); recentBody.replaceChildren(); },
  });

  // Execution reports come as matching commits them, a moment before settlement updates the orders
  // read back above: reload once more when settlement moves the balances.
  const startSettled = followPrivateChannel(app, { panel, channel: 'balances', onEvent: reloadSoon, load: () => {} });

  return { start: () => { start(); startSettled(); }, reload: reloadSoon };
}
