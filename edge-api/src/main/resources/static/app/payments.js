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
const PAGE_SIZE = 50;

export function mountPayments(app) {
  const panel = $('#payments-panel');
  const body = $('#payments tbody');
  const result = $('#payments-result');
  const accountResult = $('#account-result');
  const destinationForm = $('#destination-form');
  const withdrawForm = $('#withdraw-form');

  async function reload() {
    if (!app.trading) return;
    try {
      render((await app.api.get(`/api/v1/payments?size=${PAGE_SIZE}`)).items);
    } catch (error) {
      app.toast(`Payments: ${error.code}`, 'error');
    }
  }
  const reloadSoon = debounce(reload, 200);

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
    await busy(form, async () => {
      try {
        const answer = await app.api.post('/api/v1/payments/deposits', { amount, checkout: true });
        form.reset();
        reloadSoon();
        if (answer.checkoutUrl) {
          // A link the user follows (a new tab is no popup to block); this page stays live and shows the credit.
          showResult(accountResult, 'ok', `Deposit of ${inr(answer.amount)} started. `,
            h('a', { class: 'checkout', id: 'checkout-link', href: answer.checkoutUrl, target: '_blank', rel: 'noopener' },
              `Pay ${inr(answer.amount)} on the checkout page`),
            h('br'), h('small', { class: 'muted' }, 'Your balance is credited once the provider confirms the payment.'));
        } else {
          showResult(accountResult, 'ok', `Deposit of ${inr(answer.amount)} started: pay order ${answer.providerOrderId} `
            + `through ${answer.provider}'s checkout; your balance is credited once it confirms the payment.`);
        }
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
