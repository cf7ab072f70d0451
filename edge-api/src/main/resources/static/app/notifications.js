// The notification bell (in-app inbox: unread count, a dropdown, mark read on click) and, where the
// node serves one, the demo's mail outbox. The inbox is loaded from GET /api/v1/notifications and
// kept current by the private `notifications` channel; it is loaded again after every reconnect.

import { $, fill, h, problemView, showResult } from './dom.js';
import { when } from './format.js';

const INBOX_SIZE = 20;
const OUTBOX_PATH = '/api/v1/demo/mail';
const OUTBOX_REFRESH_MS = 3_000;

export function mountNotifications(app) {
  const bell = $('#bell');
  const button = $('#bell-button');
  const count = $('#bell-count');
  const menu = $('#bell-menu');
  const list = $('#bell-list');

  let items = []; // newest first: { id, kind, subject, text, createdAt, read }
  let unread = 0;
  let stop = null;
  const readHere = new Set(); // marked read on this page; the server agrees a moment later

  function isRead(item) { return item.read || readHere.has(item.id); }

  function render() {
    const shown = Math.max(0, unread);
    count.textContent = shown > 99 ? '99+' : String(shown);
    count.hidden = shown === 0;
    button.setAttribute('aria-label', shown === 0 ? 'Notifications' : `Notifications, ${shown} unread`);
    if (items.length === 0) {
      fill(list, h('li', { class: 'empty' }, 'Nothing yet'));
      return;
    }
    fill(list, items.map(item => h('li', {},
      h('button', {
        type: 'button', class: 'note', dataset: { notificationId: item.id, read: String(isRead(item)) },
        onclick: () => markRead(item),
      },
      h('span', { class: 'note-subject' }, item.subject || item.kind),
      h('time', { class: 'muted', datetime: item.createdAt }, when(item.createdAt)),
      h('span', { class: 'note-text' }, item.text)))));
  }

  async function load() {
    try {
      const inbox = await app.api.get(`/api/v1/notifications?size=${INBOX_SIZE}`);
      items = inbox.items;
      for (const id of [...readHere]) if (items.some(i => i.id === id && i.read)) readHere.delete(id);
      unread = inbox.unread - items.filter(i => !i.read && readHere.has(i.id)).length;
      render();
    } catch (error) {
      if (error.status !== 401) console.warn('notifications:', error.code, error.detail);
    }
  }

  function receive(item) {
    if (items.some(i => i.id === item.id)) return;
    items = [item, ...items].slice(0, INBOX_SIZE);
    if (!item.read) unread += 1;
    render();
  }

  async function markRead(item) {
    if (isRead(item)) return;
    readHere.add(item.id);
    unread -= 1;
    render();
    try {
      await app.api.post(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`);
    } catch (error) {
      readHere.delete(item.id);
      unread += 1;
      render();
      app.toast(`Could not mark it read: ${error.detail}`, 'error');
    }
  }

  function toggle(open = menu.hidden) {
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) load();
  }

  button.addEventListener('click', () => toggle());
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !menu.hidden) {
      toggle(false);
      button.focus();
    }
  });
  // The path as dispatched: a click on an entry redraws the list, detaching the clicked element.
  document.addEventListener('click', event => {
    if (!menu.hidden && !event.composedPath().includes(bell)) toggle(false);
  });

  function start() {
    bell.hidden = false;
    stop?.();
    stop = app.stream.subscribe('notifications', receive);
    load();
  }

  function clear() {
    stop?.();
    stop = null;
    bell.hidden = true;
    toggle(false);
    items = [];
    unread = 0;
    readHere.clear();
    render();
  }

  app.session.onChange(event => {
    if (event === 'signed-in') start();
    if (event === 'signed-out') clear();
  });
  // Whatever came while the stream was down is in the inbox.
  app.stream.onStatus(status => {
    if (status === 'live' && app.session.signedIn) load();
  });

  mountOutbox(app);
}

// The demo's mail outbox: only the launcher (./bourse run with its in-process mail server) serves
// OUTBOX_PATH, so the button appears only when the first signed-in request for it succeeds.
function mountOutbox(app) {
  const open = $('#mail-open');
  const dialog = $('#mail-outbox');
  const body = $('#mail-list tbody');
  const message = $('#mail-message');
  const result = $('#mail-result');
  let timer = null;
  let shown = null; // the id of the e-mail whose text is shown

  async function probe() {
    open.hidden = true;
    if (!app.session.signedIn) return;
    try {
      await app.api.get(`${OUTBOX_PATH}?size=1`);
      open.hidden = false;
    } catch {
      // no mail outbox on this node
    }
  }

  async function reload() {
    try {
      render((await app.api.get(OUTBOX_PATH)).items);
      result.replaceChildren();
    } catch (error) {
      showResult(result, 'error', ...problemView(error));
    }
  }

  function render(mails) {
    if (mails.length === 0) {
      fill(body, h('tr', { class: 'empty' }, h('td', { colspan: 3 }, 'No e-mail yet')));
      return;
    }
    fill(body, mails.map(mail => h('tr', { dataset: { mailId: mail.id }, class: mail.id === shown ? 'selected' : null },
      h('td', {}, h('time', { datetime: mail.receivedAt }, when(mail.receivedAt))),
      h('td', {}, mail.to.join(', ')),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => show(mail) }, mail.subject || '(no subject)')))));
    const current = mails.find(m => m.id === shown);
    if (current) show(current);
  }

  function show(mail) {
    shown = mail.id;
    for (const row of body.children) row.classList.toggle('selected', row.dataset.mailId === String(mail.id));
    fill(message,
      h('dl', { class: 'kv' },
        h('div', {}, h('dt', {}, 'From'), h('dd', {}, mail.from)),
        h('div', {}, h('dt', {}, 'To'), h('dd', {}, mail.to.join(', '))),
        h('div', {}, h('dt', {}, 'Subject'), h('dd', {}, mail.subject ?? '')),
        h('div', {}, h('dt', {}, 'Received'), h('dd', {}, when(mail.receivedAt)))),
      h('pre', { class: 'mail-text' }, mail.text));
  }

  open.addEventListener('click', () => {
    dialog.showModal();
    reload();
    clearInterval(timer);
    timer = setInterval(reload, OUTBOX_REFRESH_MS);
  });
  dialog.addEventListener('close', () => clearInterval(timer));
  $('#mail-close').addEventListener('click', () => dialog.close());

  app.session.onChange(event => {
    if (event === 'signed-in') probe();
    if (event === 'signed-out') {
      if (dialog.open) dialog.close();
      open.hidden = true;
      body.replaceChildren();
      message.replaceChildren();
      shown = null;
    }
  });
}
