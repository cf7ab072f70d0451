// The /ws stream: one socket, channels shared by any number of handlers, re-authenticated and
// re-subscribed after every reconnect. A book channel's handler gets a fresh snapshot each time.

const SILENCE_MS = 40_000; // the server sends a heartbeat every 15 s
const PRIVATE = new Set(['orders', 'balances', 'payments', 'notifications']);

export class Stream {
  constructor() {
    this.handlers = new Map(); // channel → Set<handler>
    this.statusListeners = new Set();
    this.errorListeners = new Set();
    this.token = null;
    this.socket = null;
    this.backoffMs = 1_000;
    this.watchdog = null;
    this.reconnectAtOnce = false;
    this.connect();
  }

  /** Calls `handler(data)` for each message on `channel`; returns a function that stops it. */
  subscribe(channel, handler) {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (!PRIVATE.has(channel) || this.token) this.send({ op: 'subscribe', channel });
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        this.send({ op: 'unsubscribe', channel });
      }
    };
  }

  /** Asks again for a channel, e.g. a book whose deltas showed a gap: the server answers with a new snapshot. */
  resubscribe(channel) {
    this.send({ op: 'unsubscribe', channel });
    this.send({ op: 'subscribe', channel });
  }

  /** Signs the connection in (private channels) or, with null, starts a fresh anonymous connection. */
  authenticate(token) {
    const wasSignedIn = this.token !== null;
    this.token = token;
    if (token) {
      // Private subscriptions follow every auth: one refused with an expired token is asked for again.
      this.send({ op: 'auth', token });
      for (const channel of this.handlers.keys()) if (PRIVATE.has(channel)) this.send({ op: 'subscribe', channel });
    } else if (wasSignedIn) {
      for (const channel of PRIVATE) this.handlers.delete(channel);
      // The server remembers who signed in on a connection; a new one forgets.
      this.reconnectAtOnce = true;
      this.socket?.close();
    }
  }

  onStatus(listener) { this.statusListeners.add(listener); }
  onError(listener) { this.errorListeners.add(listener); }

  connect() {
    this.setStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.backoffMs = 1_000;
      if (this.token) socket.send(JSON.stringify({ op: 'auth', token: this.token }));
      for (const channel of this.handlers.keys()) {
        if (!PRIVATE.has(channel) || this.token) socket.send(JSON.stringify({ op: 'subscribe', channel }));
      }
      this.setStatus('live');
      this.resetWatchdog();
    });
    socket.addEventListener('message', event => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      clearTimeout(this.watchdog);
      if (this.reconnectAtOnce) {
        this.reconnectAtOnce = false;
        this.connect();
        return;
      }
      this.setStatus('offline');
      setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
    });
  }

  receive(text) {
    this.resetWatchdog();
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.op === 'error') {
      for (const listener of this.errorListeners) listener(message);
      return;
    }
    if (message.channel && 'data' in message) {
      const set = this.handlers.get(message.channel);
      if (set) for (const handler of [...set]) handler(message.data);
    }
  }

  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    // otherwise the open handler sends every subscription
  }

  resetWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.socket?.close(), SILENCE_MS);
  }

  setStatus(status) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

// A signed-in trader's panel fed by one private channel: on sign-in (and on start()) it shows the
// panel, subscribes and loads; on sign-out it unsubscribes, hides the panel and clears it.
export function followPrivateChannel(app, { panel, channel, onEvent, load, clear = () => {} }) {
  let stop = null;
  function start() {
    if (!app.trading) return;
    panel.hidden = false;
    stop?.();
    stop = app.stream.subscribe(channel, onEvent);
    load();
  }
  app.session.onChange(event => {
    if (event === 'signed-in') start();
    if (event === 'signed-out') {
      panel.hidden = true;
      stop?.();
      stop = null;
      clear();
    }
  });
  return start;
}
