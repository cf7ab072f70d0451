// REST client and the signed-in session: tokens, refresh before expiry, one retry after a 401.

const STORAGE_KEY = 'bourse.session';
const REFRESH_AHEAD = 0.8; // refresh once 80% of the access token's life has passed
const READ_RETRIES = 10; // a read answered 503 (state restoring or moving between nodes) is tried again each second

/** An RFC 9457 problem answered by the API; `code` is the stable machine-readable reason. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || `HTTP_${status}`;
    this.detail = problem?.detail || problem?.title || `The server answered ${status}`;
  }
}

/** Random hex, for Idempotency-Key headers; getRandomValues works on plain http too, unlike randomUUID. */
export function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Who is signed in: tokens kept in sessionStorage (this tab only), refreshed before they expire. */
export class Session {
  constructor() {
    this.listeners = new Set();
    this.timer = null;
    this.refreshing = null;
    this.state = null;
    try {
      this.state = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
    } catch {
      this.state = null;
    }
  }

  get signedIn() { return this.state !== null; }
  get accessToken() { return this.state?.accessToken ?? null; }
  get userId() { return this.state?.userId ?? null; }
  get role() { return this.state?.role ?? null; }

  onChange(listener) { this.listeners.add(listener); }

  /** Starts the refresh timer for a restored session; refreshes at once if the token is stale. */
  resume() {
    if (!this.state) return;
    this.schedule();
  }

  /** Stores a token response from login or refresh. */
  accept(tokens) {
    const changedUser = this.state?.userId !== tokens.userId;
    this.state = {
      userId: tokens.userId, role: tokens.role, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000, lifetimeMs: tokens.expiresIn * 1000,
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    this.schedule();
    this.emit(changedUser ? 'signed-in' : 'refreshed');
  }

  clear() {
    clearTimeout(this.timer);
    const had = this.state !== null;
    this.state = null;
    sessionStorage.removeItem(STORAGE_KEY);
    if (had) this.emit('signed-out');
  }

  schedule() {
    clearTimeout(this.timer);
    const { expiresAt, lifetimeMs } = this.state;
    const due = expiresAt - lifetimeMs * (1 - REFRESH_AHEAD) - Date.now();
    this.timer = setTimeout(() => this.refresh().catch(() => {}), Math.max(0, due));
  }

  /** Trades the refresh token for a new pair; concurrent callers share one request. Signs out on failure. */
  refresh() {
    if (!this.state) return Promise.reject(new ApiError(401, { code: 'UNAUTHENTICATED', detail: 'Not signed in' }));
    this.refreshing ??= send('POST', '/api/v1/auth/refresh', { refreshToken: this.state.refreshToken })
      .then(tokens => this.accept(tokens))
      .catch(error => {
        if (error.status === 401) this.clear();
        throw error;
      })
      .finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  emit(event) {
    for (const listener of this.listeners) listener(event);
  }
}

async function send(method, path, body, token, headers = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { code: 'NETWORK_ERROR', detail: 'The exchange could not be reached' });
  }
  const text = await response.text();
  let payload = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

/** JSON calls against /api/v1, with the session's bearer token when there is one. */
export class Api {
  constructor(session) {
    this.session = session;
  }

  /** A read; while the node answers 503 TEMPORARILY_UNAVAILABLE, asks again after the second it suggests. */
  async get(path) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call('GET', path);
      } catch (error) {
        if (error.status !== 503 || attempt >= READ_RETRIES) throw error;
        await new Promise(resolve => setTimeout(resolve, 1_000));
      }
    }
  }

  post(path, body = {}, headers = {}) { return this.call('POST', path, body, headers); }
  delete(path) { return this.call('DELETE', path); }

  async call(method, path, body, headers) {
    const token = this.session.accessToken;
    try {
      return await send(method, path, body, token, headers);
    } catch (error) {
      // An access token that expired while the tab slept: refresh once and retry.
      if (error.status === 401 && token && this.session.signedIn) {
        await this.session.refresh();
        return send(method, path, body, this.session.accessToken, headers);
      }
      throw error;
    }
  }

  /** Signs in; the session then refreshes itself. */
  async login(email, password) {
    this.session.accept(await send('POST', '/api/v1/auth/login', { email, password }));
  }

  /** Revokes the refresh token (best effort) and forgets the session. */
  async logout() {
    const refreshToken = this.session.state?.refreshToken;
    this.session.clear();
    if (refreshToken) await send('POST', '/api/v1/auth/logout', { refreshToken }).catch(() => {});
  }
}
