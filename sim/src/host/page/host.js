// The Alma-like host page: embeds the Cloud App in the sidebar iframe and answers its messages the way
// Alma does for @exlibris/exl-cloudapp-angular-lib (every message {name:"exl-cloudapp::"+NAME, id, payload, ts};
// a reply has the same name and inReplyTo). Data lives on the simulator server (/__sim/host/..., /almaws/v1),
// so it survives a reload of this page and the control API can set it.
(() => {
  'use strict';

  const PREFIX = 'exl-cloudapp::';
  const frame = document.getElementById('cloudapp-frame');
  const rowsEl = document.getElementById('alma-rows');
  const tableEl = document.getElementById('alma-table');
  const emptyEl = document.getElementById('alma-empty');
  const titleEl = document.getElementById('alma-page-title');

  /** Origin of the app server; replies go only there. */
  let appOrigin = null;
  /** True once the app in the iframe has spoken: before that the frame may still hold about:blank. */
  let appAlive = false;
  /** The page change (server seq) last rendered and announced. */
  let shownSeq = 0;
  let current = { seq: 0, entities: [], rows: [] };
  /** The signed-in staff user's primary id (from INIT_DATA), for the Cloud App call limits. */
  let staffUserId = null;

  // For tests and for people debugging the app: what the app asked, and the page as shown.
  const messages = [];
  window.__simHost = { messages, ready: false, page: () => current };

  // The staff user this page is signed in as (`/?user=<primary id>`; none = the default user). Alma keeps
  // settings and the Cloud App store per user, so those calls, INIT_DATA and the JWT name the user.
  const signedInUser = new URLSearchParams(window.location.search).get('user') || '';
  const asUser = (path) => {
    if (!signedInUser) return path;
    return `${path}${path.includes('?') ? '&' : '?'}user=${encodeURIComponent(signedInUser)}`;
  };

  const newId = () =>
    window.crypto && typeof window.crypto.randomUUID === 'function'
      ? window.crypto.randomUUID()
      : `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  async function getJson(url, init) {
    const res = await fetch(url, init);
    const body = await res.json().catch(() => null);
    if (!res.ok)
      throw new Error(
        (body && body.error && body.error.message) || `${url} answered ${res.status}`,
      );
    return body;
  }

  const sendJson = (url, method, body) =>
    getJson(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  function post(message) {
    frame.contentWindow.postMessage(message, appOrigin);
  }

  function sendPageLoad(entities) {
    if (!appAlive) return; // the app asks PAGE_METADATA when it starts, so nothing is lost
    post({ name: `${PREFIX}PAGE_LOAD`, id: newId(), payload: { entities }, ts: Date.now() });
  }

  // ---- the main area: the borrowing requests of the current page, as Alma lists them ----

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function render(view) {
    const rows = view.rows;
    rowsEl.textContent = '';
    tableEl.hidden = rows.length === 0;
    emptyEl.hidden = rows.length > 0;
    titleEl.textContent =
      rows.length === 1 ? 'Borrowing request' : `Borrowing requests (${rows.length})`;
    for (const { entity, request } of rows) {
      const tr = document.createElement('tr');
      tr.dataset.requestId = entity.id;
      tr.dataset.sim = 'request';
      if (request) {
        tr.append(
          cell(request.title || entity.description || '(no title)', 'title'),
          cell((request.status && request.status.desc) || ''),
          cell((request.partner && request.partner.desc) || ''),
          cell(request.external_id || ''),
          cell(entity.id),
        );
      } else {
        tr.className = 'missing';
        tr.append(
          cell(entity.description || entity.id, 'title'),
          cell('Not found in Alma'),
          cell(''),
          cell(''),
          cell(entity.id),
        );
      }
      rowsEl.append(tr);
    }
  }

  /** Shows a page view if it is newer than what is shown, and tells the app (PAGE_LOAD). */
  function applyView(view) {
    if (!view || view.seq <= shownSeq) return;
    shownSeq = view.seq;
    current = view;
    render(view);
    sendPageLoad(view.entities);
  }

  async function refreshPage() {
    try {
      applyView(await getJson('/__sim/host/page'));
    } catch {
      // The server is gone or restarting; the event stream reconnects and calls this again.
    }
  }

  // ---- answers to the Cloud App ----

  async function callRestApi(request) {
    const method = String(request.method || 'GET').toUpperCase();
    let path = String(request.url || '').replace(/^\/almaws\/v1/, '');
    if (!path.startsWith('/')) path = `/${path}`;
    const url = new URL(`/almaws/v1${path}`, window.location.origin);
    for (const [name, value] of Object.entries(request.queryParams || {})) {
      if (value !== undefined && value !== null) url.searchParams.append(name, String(value));
    }
    const headers = { Accept: 'application/json', ...(request.headers || {}) };
    // Alma applies its Cloud App call limits per signed-in user; the fake Alma reads the user from this header.
    if (staffUserId) headers['X-Sim-Cloud-App-User'] = staffUserId;
    let body;
    if (
      request.requestBody !== undefined &&
      request.requestBody !== null &&
      method !== 'GET' &&
      method !== 'HEAD'
    ) {
      body =
        typeof request.requestBody === 'string'
          ? request.requestBody
          : JSON.stringify(request.requestBody);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json';
    }
    const failure = (status, statusText, error) => ({
      error: {
        ok: false,
        status,
        statusText,
        url: url.href,
        message: `Http failure response for ${url.href}: ${status} ${statusText}`,
        error,
      },
    });
    let res;
    try {
      res = await fetch(url, { method, headers, body });
    } catch {
      return failure(0, 'Unknown Error', null);
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    return res.ok ? { body: data } : failure(res.status, res.statusText, data);
  }

  async function readOrWrite(kind, payload) {
    // Settings are the signed-in user's; the configuration is the institution's.
    const path = kind === 'settings' ? asUser(`/__sim/host/${kind}`) : `/__sim/host/${kind}`;
    if (payload === undefined || payload === null) return getJson(path);
    return sendJson(path, 'PUT', { value: payload });
  }

  async function cloudAppStore(payload) {
    const key = payload && payload.key;
    if (payload && Object.prototype.hasOwnProperty.call(payload, 'value')) {
      return sendJson(asUser('/__sim/host/store'), 'PUT', { key, value: payload.value });
    }
    const found = await getJson(asUser(`/__sim/host/store?key=${encodeURIComponent(key)}`));
    return { key, value: found.value };
  }

  const handlers = {
    INIT_DATA: () => getJson(asUser('/__sim/host/init')),
    PAGE_METADATA: async () => {
      const view = await getJson('/__sim/host/page');
      // Answer first, then show (and announce) the page if it changed meanwhile.
      setTimeout(() => applyView(view), 0);
      return { entities: view.entities };
    },
    CALL_REST_API: (payload) => callRestApi(payload || {}),
    SETTINGS: (payload) => readOrWrite('settings', payload),
    CONFIG: (payload) => readOrWrite('config', payload),
    CLOUDAPP_STORE: (payload) => cloudAppStore(payload),
    JWT_AUTH_TOKEN: () => getJson(asUser('/__sim/host/jwt')),
    RELOAD_PAGE: async () => {
      const view = await getJson('/__sim/host/reload', { method: 'POST' });
      setTimeout(() => applyView(view), 0);
      return { success: true };
    },
    ENTITY_SELECT: async () => ({ success: true }),
    ALMA_BACK: async () => ({ success: true }),
    ALMA_MAIN_PAGE: async () => ({ success: true }),
  };

  window.addEventListener('message', (event) => {
    // Only the app in our own sidebar frame, from the app server's origin, may talk to this page.
    if (!frame.contentWindow || event.source !== frame.contentWindow) return;
    if (appOrigin && event.origin !== appOrigin) return;
    const msg = event.data;
    if (
      !msg ||
      typeof msg !== 'object' ||
      typeof msg.name !== 'string' ||
      !msg.name.startsWith(PREFIX)
    )
      return;
    if (msg.inReplyTo) return;
    appAlive = true;
    const name = msg.name.slice(PREFIX.length);
    messages.push({ name, id: msg.id, payload: msg.payload, t: Date.now() });
    const handler = handlers[name];
    const answer = handler
      ? Promise.resolve().then(() => handler(msg.payload))
      : Promise.resolve({ error: { message: `Unsupported message ${name}` } });
    answer
      .catch((e) => ({ error: { message: String((e && e.message) || e) } }))
      .then((payload) =>
        post({ name: msg.name, id: newId(), inReplyTo: msg.id, payload, ts: Date.now() }),
      );
  });

  async function boot() {
    const [{ appUrl, sandbox }, init] = await Promise.all([
      getJson('/__sim/host/boot'),
      getJson(asUser('/__sim/host/init')),
    ]);
    document.getElementById('alma-user').textContent =
      `${init.user.firstName} ${init.user.lastName} · ${init.instCode}`;
    staffUserId = init.user.primaryId || null;
    appOrigin = new URL(appUrl).origin;
    const events = new EventSource('/__sim/events');
    events.addEventListener('open', refreshPage);
    events.addEventListener('page', refreshPage);
    await refreshPage();
    // As in Alma, the app runs in a sandboxed frame; the flags must be set before the frame navigates.
    if (sandbox !== null) frame.setAttribute('sandbox', sandbox);
    frame.src = appUrl;
    window.__simHost.ready = true;
  }

  boot().catch((e) => {
    // An unknown ?user= (or a server that is gone): say so where Alma shows who is signed in.
    document.getElementById('alma-user').textContent =
      `Not signed in: ${String((e && e.message) || e)}`;
  });
})();
