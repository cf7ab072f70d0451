// Deposits and withdrawals: the deposit form goes through the provider's checkout (the sandbox's hosted
// page in the embedded default), payout destinations are added and listed, withdrawals pick one, and
// every deposit and withdrawal is listed with its state, reloaded on each event of the private
// payments channel. Cash itself moves only when the provider's signed webhook reconciles.

import { $, debounce, fill, formValues, h, problemView, reconcile, showResult } from './dom.js';
import { inr, when } from './format.js';
import { followPrivateChannel } from './stream.js';

/** What each state means to the user; withdrawals start PENDING (requested, reserved). */
const STATUS_TEXT = {
  OPEN: 'Awaiting payment',
  CREDITED: 'Credited',
  PENDING: 'Requested',
  PROCESSING: 'Processing',
  PAID: 'Paid',
  FAILED: 'Failed',
  REVERSED: 'Reversed',
};

export function mountPayments(app) {
  const panel = $('#payments-panel');
  const body = $('#payments tbody');
  const result = $('#payments-result');
  const accountResult = $('#account-result');
  const destinationForm = $('#destination-form');
  const withdrawForm = $('#withdraw-form');
  const prev = $('#payments-prev');
  const next = $('#payments-next');
  const sizeSelect = $('#payments-size');
  let page = 0; // GET /payments is paged, newest first: page 0 holds the newest

  async function reload() {
    if (!app.trading) return;
    try {
      const size = Number(sizeSelect.value);
      let answer = await app.api.get(`/api/v1/payments?page=${page}&size=${size}`);
      if (answer.items.length === 0 && page > 0) {
        // The page emptied (fewer rows than before): show the last one that has rows.
        page = Math.max(0, Math.ceil(answer.total / size) - 1);
        answer = await app.api.get(`/api/v1/payments?page=${page}&size=${size}`);
      }
      render(answer.items);
      renderPager(answer);
    } catch (error) {
      app.toast(`Payments: ${error.code}`, 'error');
    }
  }
  const reloadSoon = debounce(reload, 200);

  function renderPager({ page: shown, size, total, items }) {
    const from = total === 0 ? 0 : shown * size + 1;
    $('#payments-range').textContent = `${from}–${shown * size + items.length} of ${total}`;
    prev.disabled = shown === 0;
    next.disabled = (shown + 1) * size >= total;
  }

  prev.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    reload();
  });
  next.addEventListener('click', () => {
    page += 1;
    reload();
  });
  sizeSelect.addEventListener('change', () => {
    page = 0;
    reload();
  });

  function render(items) {
    if (items.length === 0) {
      fill(body, h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No deposits or withdrawals yet')));
      return;
    }
    reconcile(body, items.map(p => h('tr', { dataset: { paymentId: p.id, status: p.status, kind: p.kind } },
      h('td', { title: p.createdAt }, when(p.createdAt)),
      h('td', {}, p.kind === 'DEPOSIT' ? 'Deposit' : 'Withdrawal'),
      h('td', { class: 'num' }, inr(p.amount)),
      h('td', {}, h('span', { class: `status status-${p.status.toLowerCase()}` }, STATUS_TEXT[p.status] ?? p.status)),
      h('td', { title: p.updatedAt }, when(p.updatedAt)),
      h('td', { class: 'muted' }, details(p)))), 'paymentId');
  }

  function details(p) {
    const parts = [];
    if (p.reason) parts.push(p.reason);
    if (p.kind === 'WITHDRAWAL' && p.destinationId) parts.push(destinationNames.get(p.destinationId) ?? p.destinationId);
    if (p.providerPaymentId) parts.push(p.providerPaymentId);
    else if (p.providerOrderId) parts.push(p.providerOrderId);
    return parts.join(' · ');
  }

  // ---- deposits: create the intent, then pay on the provider's checkout page ----
  $('#deposit-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.target;
    const { amount } = formValues(form);
    accountResult.replaceChildren(); // no pay button of an earlier deposit stays next to this one
    await busy(form, async () => {
      try {
        const answer = await app.api.post('/api/v1/payments/deposits', { amount, checkout: true });
        form.reset();
        reloadSoon();
        // The node's checkout page for the intent, in a new tab (no popup to block) so this page stays live and shows
        // the credit. A page opened by the browser carries no bearer header: the form posts the token (RFC 6750 §2.2).
        showResult(accountResult, 'ok', `Deposit of ${inr(answer.amount)} started. `,
          h('form', { class: 'checkout', method: 'post', target: '_blank', rel: 'noopener', action: `/api/v1/payments/checkout/${answer.intentId}`,
            onsubmit: event => { event.target.elements.access_token.value = app.api.session.accessToken ?? ''; } },
          h('input', { type: 'hidden', name: 'access_token' }),
          h('button', { type: 'submit', id: 'checkout-link', class: 'link' }, `Pay ${inr(answer.amount)} on the checkout page`)),
          h('small', { class: 'muted' }, 'Your balance is credited once the provider confirms the payment.'));
      } catch (error) {
        showResult(accountResult, 'error', ...problemView(error));
      }
    });
  });

  // ---- payout destinations ----
  const destinationNames = new Map(); // destinationId → what the user recognises it by

  function describe(d) {
    return d.type === 'VPA' ? `UPI ${d.vpa}` : `${d.accountHolderName} · ${d.ifsc} · ••••${d.accountNumberLast4}`;
  }

  async function loadDestinations() {
    if (!app.trading) return;
    try {
      renderDestinations(await app.api.get('/api/v1/payments/destinations'));
    } catch (error) {
      showResult(result, 'error', ...problemView(error));
    }
  }

  function renderDestinations(destinations) {
    destinationNames.clear();
    for (const d of destinations) destinationNames.set(d.destinationId, describe(d));
    fill($('#destinations'), destinations.length === 0
      ? h('li', { class: 'empty' }, 'No payout destination yet: add one to withdraw')
      : destinations.map(d => h('li', { dataset: { destinationId: d.destinationId } }, describe(d))));
    const select = withdrawForm.elements.destinationId;
    const chosen = select.value;
    fill(select, destinations.map(d => h('option', { value: d.destinationId }, describe(d))));
    if (destinationNames.has(chosen)) select.value = chosen;
    withdrawForm.querySelector('button[type=submit]').disabled = destinations.length === 0;
  }

  function showDestinationFields() {
    const type = destinationForm.elements.type.value;
    for (const el of destinationForm.querySelectorAll('[data-for]')) el.hidden = el.dataset.for !== type;
  }
  destinationForm.elements.type.addEventListener('change', showDestinationFields);
  destinationForm.elements.ifsc.addEventListener('input', event => {
    event.target.value = event.target.value.toUpperCase();
  });

  destinationForm.addEventListener('submit', async event => {
    event.preventDefault();
    const v = formValues(destinationForm);
    // Only the chosen type's fields: the API refuses a bank account that also names a VPA, and the reverse.
    const request = v.type === 'VPA' ? { type: v.type, vpa: v.vpa }
      : { type: v.type, accountHolderName: v.accountHolderName, ifsc: v.ifsc, accountNumber: v.accountNumber };
    await busy(destinationForm, async () => {
      try {
        const added = await app.api.post('/api/v1/payments/destinations', request);
        destinationForm.reset();
        showDestinationFields();
        showResult(result, 'ok', `Destination added: ${describe(added)}`);
        await loadDestinations();
        withdrawForm.elements.destinationId.value = added.destinationId;
      } catch (error) {
        showResult(result, 'error', ...problemView(error));
      }
    });
  });

  // ---- withdrawals ----
  withdrawForm.addEventListener('submit', async event => {
    event.preventDefault();
    const { destinationId, amount } = formValues(withdrawForm);
    await busy(withdrawForm, async () => {
      try {
        // With the sandbox, the payout waits on its payout page (process, fail or reverse), as RazorpayX's would.
        const answer = await app.api.post('/api/v1/payments/withdrawals', { destinationId, amount, checkout: true });
        withdrawForm.reset(); // unlike clearing the field, this does not mark the emptied amount invalid
        withdrawForm.elements.destinationId.value = destinationId;
        reloadSoon();
        showResult(result, 'ok', `Withdrawal of ${inr(answer.amount)} requested; the amount stays reserved until the payout settles.`,
          answer.payoutPageUrl ? [h('br'), h('a', { class: 'checkout', id: 'payout-link', href: answer.payoutPageUrl,
            target: '_blank', rel: 'noopener' }, 'Settle it on the sandbox payout page')] : null,
          h('br'), h('small', { class: 'muted' }, answer.withdrawalId));
      } catch (error) {
        showResult(result, 'error', ...problemView(error));
      }
    });
  });

  const start = followPrivateChannel(app, {
    panel,
    channel: 'payments',
    onEvent: event => {
      reloadSoon();
      if (event?.type === 'DESTINATION_REGISTERED') loadDestinations();
    },
    load: () => {
      reload();
      loadDestinations();
    },
    clear: () => {
      page = 0;
      $('#payments-range').textContent = '';
      prev.disabled = true;
      next.disabled = true;
      body.replaceChildren();
      result.replaceChildren();
      fill($('#destinations'));
      fill(withdrawForm.elements.destinationId);
      destinationNames.clear();
    },
  });

  return { start, reload: reloadSoon };
}

/** Disables a form's submit button while `work` runs. */
async function busy(form, work) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await work();
  } finally {
    button.disabled = false;
  }
}
