// Wires the terminal together: one session, one REST client, one stream, and the panels that share
// them through a small `app` object. Public market panels work signed out; the rest appear on sign-in.

import { Api, Session } from './api.js';
import { Stream } from './stream.js';
import { $, h } from './dom.js';
import { mountWatchlist } from './watchlist.js';
import { mountMarket } from './market.js';
import { mountTicket } from './ticket.js';
import { mountOrders } from './orders.js';
import { mountPortfolio } from './portfolio.js';
import { mountAccount } from './account.js';
import { mountAdmin } from './admin.js';
import { mountPayments } from './payments.js';
import { mountNotifications } from './notifications.js';

const session = new Session();
const symbolListeners = new Set();

const app = {
  session,
  api: new Api(session),
  stream: new Stream(),
  instruments: new Map(), // symbol → InstrumentView
  tickers: new Map(), // symbol → latest TickerView
  symbol: null,
  /** Traders trade; an ADMIN account is an operator's and gets the review panels instead. */
  get trading() { return session.signedIn && session.role !== 'ADMIN'; },
  onSymbol(listener) { symbolListeners.add(listener); },
  selectSymbol(symbol) {
    if (!app.instruments.has(symbol) || symbol === app.symbol) return;
    app.symbol = symbol;
    history.replaceState(null, '', `#${symbol}`);
    for (const listener of symbolListeners) listener(symbol);
  },
  useTicketPrice: price => ticket.usePrice(price),
  refreshOrders: () => orders.reload(),
  toast,
};

// Session first, so the stream is signed in before panels ask for private channels.
session.onChange(event => {
  const signedIn = session.signedIn;
  app.stream.authenticate(signedIn ? session.accessToken : null);
  $('#who').hidden = !signedIn;
  $('#signin-panel').hidden = signedIn;
  $('#ticket-panel').hidden = !app.trading;
  $('#account-panel').hidden = !signedIn;
  $('#who-role').textContent = session.role ?? '';
  if (event === 'signed-out') toast('Signed out', 'info');
});

const watchlist = mountWatchlist(app);
mountMarket(app);
const ticket = mountTicket(app);
const orders = mountOrders(app);
mountPortfolio(app);
mountAccount(app);
mountAdmin(app);
mountPayments(app);
mountNotifications(app);

$('#logout').addEventListener('click', () => app.api.logout());

const connection = $('#connection');
const CONNECTION_TEXT = { connecting: 'Connecting…', live: 'Live', offline: 'Offline — reconnecting' };
app.stream.onStatus(status => {
  connection.dataset.state = status;
  connection.textContent = CONNECTION_TEXT[status];
});
app.stream.onError(error => {
  if (error.code !== 'UNKNOWN_CHANNEL') console.warn('stream:', error.code, error.message);
});

function toast(message, kind = 'info') {
  const note = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  $('#toasts').append(note);
  setTimeout(() => note.remove(), 6_000);
}

// The catalogue grows while the exchange seeds and whenever an operator lists an instrument, and a halt
// changes a status: the page follows it, so one opened early is not left with what it saw first.
const CATALOGUE_REFRESH_MS = 10_000;
let shownCatalogue = '';

function showInstruments(instruments) {
  const catalogue = JSON.stringify(instruments.map(i => [i.symbol, i.status]));
  if (catalogue === shownCatalogue) return;
  shownCatalogue = catalogue;
  for (const i of instruments) {
    if (!app.instruments.has(i.symbol)) app.stream.subscribe(`ticker.${i.symbol}`, t => app.tickers.set(t.symbol, t));
    app.instruments.set(i.symbol, i);
  }
  watchlist.render(instruments);
  for (const t of app.tickers.values()) watchlist.update(t);
}

async function loadMarket() {
  for (let attempt = 0; ; attempt++) {
    try {
      const instruments = await app.api.get('/api/v1/market/instruments');
      if (instruments.length > 0) {
        showInstruments(instruments);
        break;
      }
    } catch {
      // the node may still be starting
    }
    $('#watchlist tbody').replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: 4 }, 'Waiting for the exchange…')));
    await new Promise(resolve => setTimeout(resolve, Math.min(5_000, 1_000 * (attempt + 1))));
  }
  try {
    for (const t of await app.api.get('/api/v1/market/tickers')) {
      app.tickers.set(t.symbol, t);
      watchlist.update(t);
    }
  } catch {
    // tickers arrive over the stream as well
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  app.selectSymbol(app.instruments.has(wanted) ? wanted : app.instruments.keys().next().value);
  setInterval(async () => {
    try {
      showInstruments(await app.api.get('/api/v1/market/instruments'));
    } catch {
      // keep what is shown; the next refresh asks again
    }
  }, CATALOGUE_REFRESH_MS);
}

if (session.signedIn) {
  session.resume();
  session.emit('signed-in');
} else {
  session.emit('init'); // lays out the signed-out view
}
loadMarket();
