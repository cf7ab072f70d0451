// For ADMIN users: accounts waiting for KYC review, with approve and reject (with a reason), and the
// payments that did not reconcile or were refused, with their reason codes.

import { $, fill, h, problemView, showResult } from './dom.js';
import { inr, when } from './format.js';

export function mountAdmin(app) {
  const panel = $('#admin-panel');
  const body = $('#kyc-pending tbody');
  const result = $('#admin-result');
  const refusals = $('#payment-refusals tbody');

  async function reload() {
    try {
      render(await app.api.get('/api/v1/admin/kyc/pending'));
      renderRefusals(await app.api.get('/api/v1/admin/payments/refusals?limit=50'));
    } catch (error) {
      showResult(result, 'error', ...problemView(error));
    }
  }

  function renderRefusals(list) {
    if (list.length === 0) {
      fill(refusals, h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No payment was refused')));
      return;
    }
    fill(refusals, list.map(({ userId, event: e }) => h('tr', { dataset: { eventId: e.eventId, reason: e.reason ?? '' } },
      h('td', { title: e.timestamp }, when(e.timestamp)),
      h('td', {}, userId),
      h('td', {}, e.type),
      h('td', {}, h('code', {}, e.reason ?? '—')),
      h('td', { class: 'num' }, inr(e.amount)),
      h('td', { class: 'muted' }, e.withdrawalId ?? e.intentId ?? e.providerPaymentId ?? e.providerOrderId ?? '—'))));
  }

  function render(accounts) {
    if (accounts.length === 0) {
      fill(body, h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'Nobody is waiting for review')));
      return;
    }
    fill(body, accounts.map(a => {
      const reason = h('input', { type: 'text', maxlength: 200, placeholder: 'Reason to reject', 'aria-label': `Reason to reject ${a.email}` });
      return h('tr', { dataset: { userId: a.userId } },
        h('td', {}, a.displayName),
        h('td', {}, a.email),
        h('td', {}, a.legalName ?? '—'),
        h('td', {}, a.panMasked ?? '—'),
        h('td', { class: 'decide' },
          h('button', { type: 'button', class: 'approve', onclick: () => decide(a, 'approve') }, 'Approve'),
          reason,
          h('button', { type: 'button', class: 'reject', onclick: () => {
            if (!reason.value.trim()) {
              showResult(result, 'error', `Give a reason to reject ${a.email}.`);
              reason.focus();
              return;
            }
            decide(a, 'reject', { reason: reason.value.trim() });
          } }, 'Reject')));
    }));
  }

  async function decide(account, action, body = {}) {
    try {
      const answer = await app.api.post(`/api/v1/admin/kyc/${encodeURIComponent(account.userId)}/${action}`, body);
      showResult(result, 'ok', `${account.email}: ${answer.kycStatus ?? answer.status}`);
    } catch (error) {
      showResult(result, 'error', ...problemView(error));
    }
    reload();
  }

  $('#admin-refresh').addEventListener('click', reload);
  app.session.onChange(event => {
    panel.hidden = !(app.session.signedIn && app.session.role === 'ADMIN');
    if (event === 'signed-in' && !panel.hidden) reload();
    if (event === 'signed-out') {
      body.replaceChildren();
      refusals.replaceChildren();
    }
  });
  return {
    start() {
      panel.hidden = app.session.role !== 'ADMIN';
      if (!panel.hidden) reload();
    },
  };
}
