// Sign in, register, and the account card with KYC status and submission (deposits: payments.js).

import { $, fill, formValues, h, problemView, showResult } from './dom.js';

const KYC_TEXT = {
  NOT_SUBMITTED: 'Not submitted',
  PENDING: 'Pending review',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

export function mountAccount(app) {
  const signinResult = $('#signin-result');
  const accountResult = $('#account-result');
  const kycForm = $('#kyc-form');
  let pendingPoll = null;

  // ---- sign in / register tabs ----
  const tabs = [$('#tab-login'), $('#tab-register')];
  function selectTab(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(`#${t.getAttribute('aria-controls')}`).hidden = !selected;
    }
    $('#signin-title').textContent = tab === tabs[0] ? 'Sign in' : 'Create an account';
    signinResult.replaceChildren();
  }
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', event => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const other = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
      selectTab(other);
      other.focus();
    });
  }

  $('#login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const { email, password } = formValues(event.target);
    await busy(event.target, async () => {
      try {
        await app.api.login(email, password);
        event.target.reset();
        signinResult.replaceChildren();
      } catch (error) {
        showResult(signinResult, 'error', ...problemView(error));
      }
    });
  });

  $('#register-form').addEventListener('submit', async event => {
    event.preventDefault();
    const values = formValues(event.target);
    await busy(event.target, async () => {
      try {
        const answer = await app.api.post('/api/v1/auth/register', values);
        if (answer.status === 'PENDING') {
          showResult(signinResult, 'info', 'Registration is being processed; sign in in a moment.');
          return;
        }
        await app.api.login(values.email, values.password);
        event.target.reset();
        showResult(accountResult, 'ok', 'Welcome! Submit your KYC details below to start trading.');
      } catch (error) {
        showResult(signinResult, 'error', ...problemView(error));
      }
    });
  });

  // ---- account card and KYC ----
  async function reload(attempt = 0) {
    if (!app.session.signedIn) return;
    clearTimeout(pendingPoll);
    try {
      render(await app.api.get('/api/v1/account'));
    } catch (error) {
      // Right after registering, the account may not have reached this node's store yet.
      if (error.code === 'ACCOUNT_UNKNOWN' && attempt < 5) setTimeout(() => reload(attempt + 1), 1_000);
      else showResult(accountResult, 'error', ...problemView(error));
    }
  }

  function render(account) {
    const kyc = account.kycStatus;
    const item = (label, ...value) => h('div', {}, h('dt', {}, label), h('dd', {}, ...value));
    fill($('#account-details'),
      item('Name', account.displayName),
      item('E-mail', account.email),
      app.trading ? item('KYC', h('span', { class: `badge kyc-${kyc.toLowerCase()}`, id: 'kyc-status' }, KYC_TEXT[kyc] ?? kyc)) : item('Role', account.role),
      account.legalName ? item('Legal name', account.legalName) : null,
      account.panMasked ? item('PAN', account.panMasked) : null,
      account.kycRejectionReason && kyc === 'REJECTED' ? item('Reason', account.kycRejectionReason) : null,
      account.suspended ? item('Status', h('span', { class: 'badge warn' }, 'Suspended')) : null);
    $('#who-name').textContent = account.displayName;
    kycForm.hidden = !app.trading || !(kyc === 'NOT_SUBMITTED' || kyc === 'REJECTED');
    $('#deposit-form').hidden = !app.trading;
    $('#kyc-hint').textContent = kyc === 'REJECTED' ? 'Your KYC was rejected; correct the details and submit again.'
      : 'Submit your KYC details to start trading.';
    // An admin decides outside this page: look again now and then while the review is open.
    if (kyc === 'PENDING' && app.trading) pendingPoll = setTimeout(() => reload(), 5_000);
  }

  kycForm.elements.pan.addEventListener('input', event => {
    event.target.value = event.target.value.toUpperCase();
  });
  kycForm.addEventListener('submit', async event => {
    event.preventDefault();
    await busy(kycForm, async () => {
      try {
        const answer = await app.api.post('/api/v1/kyc', formValues(kycForm));
        showResult(accountResult, 'ok', `KYC submitted: ${KYC_TEXT[answer.kycStatus] ?? answer.status}`);
        kycForm.reset();
        reload();
      } catch (error) {
        showResult(accountResult, 'error', ...problemView(error));
      }
    });
  });

  app.session.onChange(event => {
    if (event === 'signed-in') {
      selectTab(tabs[0]); // whoever signs out next finds the sign-in form
      reload();
    }
    if (event === 'signed-out') {
      clearTimeout(pendingPoll);
      accountResult.replaceChildren();
      fill($('#account-details'));
    }
  });

  return { reload };
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
