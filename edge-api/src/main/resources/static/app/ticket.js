// Order ticket: limit or market, buy or sell, price, quantity, time in force. The exchange is the
// judge of tick, lot, band and funds: its problem code and detail are shown as they come.

import { $, formValues, h, problemView, showResult } from './dom.js';
import { inr, qty } from './format.js';
import { randomKey } from './api.js';

export function mountTicket(app) {
  const form = $('#ticket');
  const result = $('#ticket-result');
  const submit = $('#ticket-submit');
  const estimate = $('#ticket-estimate');

  function sync() {
    const v = formValues(form);
    const market = v.type === 'MARKET';
    form.elements.price.disabled = market;
    form.elements.postOnly.disabled = market;
    if (market && (v.timeInForce === 'GTC' || v.timeInForce === 'DAY')) form.elements.timeInForce.value = 'IOC';
    for (const option of form.elements.timeInForce.options) option.disabled = market && (option.value === 'GTC' || option.value === 'DAY');
    const buying = v.side === 'BUY';
    submit.textContent = `${buying ? 'Buy' : 'Sell'} ${app.symbol ?? ''}`.trim();
    submit.className = `primary ${buying ? 'buy' : 'sell'}`;
    $('#ticket-symbol').textContent = app.symbol ?? '—';
    const amount = Number(v.price) * Number(v.quantity);
    // An estimate for the eye only; the exchange computes the real reservation in paise.
    const value = !market && Number.isFinite(amount) && amount > 0 ? ` · value ≈ ${inr(amount.toFixed(2))}` : '';
    estimate.textContent = `${form.elements.timeInForce.selectedOptions[0]?.title ?? ''}${value}`;
  }

  form.addEventListener('input', sync);
  form.addEventListener('change', sync);
  app.onSymbol(() => {
    form.elements.price.value = '';
    sync();
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!app.symbol) return;
    const v = formValues(form);
    const order = {
      symbol: app.symbol, side: v.side, type: v.type, timeInForce: v.timeInForce,
      quantity: Number(v.quantity),
    };
    if (v.type === 'LIMIT') {
      order.price = v.price;
      if (v.postOnly) order.postOnly = true;
    }
    if (!Number.isInteger(order.quantity) || order.quantity <= 0) {
      showResult(result, 'error', 'Enter a whole number of shares.');
      form.elements.quantity.focus();
      return;
    }
    if (v.type === 'LIMIT' && !v.price) {
      showResult(result, 'error', 'A limit order needs a price.');
      form.elements.price.focus();
      return;
    }
    submit.disabled = true;
    shown = null;
    showResult(result, 'info', 'Sending…');
    try {
      const answer = await app.api.post('/api/v1/orders', order, { 'Idempotency-Key': randomKey() });
      const what = `${order.side === 'BUY' ? 'Buy' : 'Sell'} ${order.quantity} ${order.symbol}`
        + (order.price ? ` @ ${order.price}` : ' at market');
      const pending = answer.status === 'PENDING';
      show(answer.orderId, what, pending ? 'sent, awaiting the exchange' : statusText(answer));
      if (pending) awaitVerdict(answer.orderId, what);
      app.refreshOrders();
    } catch (error) {
      showResult(result, 'error', ...problemView(error));
    } finally {
      submit.disabled = false;
    }
  });

  let shown = null; // the order the result box is about

  // The engine's verdict in words: "resting", "partially filled 3/5", "filled 5".
  function statusText(order) {
    const status = order.status.toLowerCase().replace('_', ' ');
    if (order.status === 'FILLED') return `${status} ${qty(order.filledQuantity)}`;
    if (order.status === 'PARTIALLY_FILLED') return `${status} ${qty(order.filledQuantity)}/${qty(order.quantity)}`;
    return status;
  }

  function show(orderId, what, status, reason) {
    shown = orderId;
    const rejected = status === 'rejected';
    showResult(result, rejected ? 'error' : 'ok',
      h('span', { dataset: { orderId } }, `${what}: ${status}${reason ? ` (${reason})` : ''}`),
      h('br'), h('small', { class: 'muted' }, orderId));
  }

  // A 202 means the verdict took longer than the edge waits for it. It still comes, on the private
  // orders channel; reading the order back covers a verdict that arrived before the subscription.
  function awaitVerdict(orderId, what) {
    let done = false;
    const settle = (status, reason) => {
      if (done) return;
      done = true;
      stop();
      if (shown === orderId) show(orderId, what, status, reason);
    };
    // An order that ended without trading (rejected, or a FOK, IOC or market order that met nothing) was refused.
    const verdict = order => {
      const refused = order.status === 'REJECTED' || (['CANCELLED', 'EXPIRED'].includes(order.status) && order.filledQuantity === 0);
      settle(refused ? 'rejected' : statusText(order), refused ? order.reason : null);
    };
    const stop = app.stream.subscribe('orders', event => {
      if (event.orderId === orderId && event.status) verdict(event);
    });
    app.api.get(`/api/v1/orders/${encodeURIComponent(orderId)}`)
      .then(order => {
        // Open at the portfolio: the engine's report may still be on its way, so keep listening.
        if (order.status !== 'OPEN') verdict(order);
        else if (!done && shown === orderId) show(orderId, what, 'open');
      }, () => { /* not there yet: the channel says */ });
    setTimeout(() => { if (!done) { done = true; stop(); } }, 60_000);
  }

  sync();
  return {
    usePrice(p) {
      form.elements.type.value = 'LIMIT';
      form.elements.price.value = p;
      sync();
      form.elements.quantity.focus();
    },
  };
}
