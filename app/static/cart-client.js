// voicecart browser client: a dependency-free ES module (types: cart-client.d.ts beside it); the
// Realtime adapter lives in realtime-adapter.js and is re-exported from here.
//
//   const client = new CartClient({ baseUrl: "", restaurantId: "demo-burger" });
//   await client.restore();                       // the saved cart, or a fresh one
//   const adapter = new RealtimeAdapter(client, dataChannel);
//   dataChannel.onmessage = (e) => adapter.handle(e.data);
//
// The server keeps no cart: every answer carries the whole cart as a signed token, which we keep
// in localStorage (a reload or a reopened tab within the server's sliding expiry restores it).
//
// One cart, one line of turns, across every tab: each turn runs under a Web Lock named after the
// cart's storage key (navigator.locks), is sent with the newest token of any tab, and its answer
// is saved only by compare-and-set against the token it was sent with (token-store.js: an
// IndexedDB cell). A turn whose token moved while it was on the wire (no Web Locks, or another
// tab's turn) is sent again on the newer token, so no tab ever forks the cart and drops another
// tab's confirmed items. Idle tabs follow through `storage` events.
//
// Storage that is missing or throws (Safari private mode, a full quota, site data blocked) never
// fails a turn: the token is kept in memory for the page's life and a "storage-unavailable" event
// says so once. The server alone decides whether a token has expired.

import { TokenStore } from "./token-store.js";

export { RealtimeAdapter, RecordingChannel, playScript } from "./realtime-adapter.js";

const TOKEN_HEADER = "Cart-Token";
const MAX_REAPPLY = 8; // a turn re-sent on a moved token this many times gives up with "cart_busy"
// A 502/503/504 (a replica killed mid-request, nginx's own page, "overloaded", "order_outcome_unknown")
// is sent again with the same token: a turn is a pure function of token and operation, and checkout is
// idempotent per cart (a placed order answers 200 with itself), so a retry never orders twice.
const RETRY_STATUSES = new Set([502, 503, 504]);
const MAX_RETRIES = 3;
const MAX_RETRY_WAIT_MS = 5000;

function retryWait(response, retry) {
  const asked = Number(response.headers?.get?.("Retry-After"));
  const ms = Number.isFinite(asked) && asked > 0 ? asked * 1000 : 250 * 2 ** retry;
  return Math.min(ms, MAX_RETRY_WAIT_MS);
}

// Why a saved cart was refused, in words for the customer (page) and for the model (tool note).
export const TOKEN_REFUSALS = {
  token_expired: {
    reason: "expired",
    customer: "Your previous order expired after a period of inactivity, so we started a new order.",
    model:
      "The previous order had expired after a period of inactivity, so this started a new order; tell the customer.",
  },
  token_key_retired: {
    reason: "key_retired",
    customer:
      "We could not keep your previous order after a security update on our side (not anything you did), " +
      "so we started a new order. Sorry — please tell us again what you would like.",
    model:
      "The previous order could not be recovered because the service changed its signing key (not the customer's " +
      "doing, and not inactivity), so this started a new, empty order; apologise and ask the customer to repeat " +
      "anything they had ordered before.",
  },
  token_invalid: {
    reason: "invalid",
    customer: "Your saved order could not be read, so we started a new order.",
    model:
      "The saved order could not be read, so this started a new order; tell the customer and ask them to repeat " +
      "anything they had ordered before.",
  },
};
TOKEN_REFUSALS.token_wrong_restaurant = TOKEN_REFUSALS.token_invalid;
TOKEN_REFUSALS.token_missing = TOKEN_REFUSALS.token_invalid;

export class CartClientError extends Error {
  constructor(error, status) {
    super(error.message || `HTTP ${status}`);
    this.code = error.code || "http_error";
    this.status = status;
    this.details = error;
  }
}

function tokenOf(raw) {
  return parseSaved(raw)?.token ?? null;
}

function parseSaved(raw) {
  try {
    const saved = raw ? JSON.parse(raw) : null;
    return saved && typeof saved.token === "string" ? saved : null;
  } catch {
    return null;
  }
}

function localStorageOf(scope) {
  return scope.localStorage; // the getter itself throws where site data is blocked
}

export class CartClient extends EventTarget {
  constructor({
    baseUrl = "",
    restaurantId,
    storage = undefined,
    fetch = globalThis.fetch,
    locks = undefined,
    indexedDB = globalThis.indexedDB,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  } = {}) {
    super();
    if (!restaurantId) throw new Error("CartClient needs a restaurantId");
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.restaurantId = restaurantId;
    this.fetch = fetch.bind(globalThis);
    this.sleep = sleep;
    this.retried = 0; // requests sent again after a 502/503/504
    this.storageKey = `voicecart:cart:${restaurantId}`;
    this.storageProblem = null; // {name, message} once storage failed
    this._store = new TokenStore(
      this.storageKey,
      () => (storage === undefined ? localStorageOf(globalThis) : storage),
      (err) => this._storageFailed(err),
      tokenOf,
      indexedDB
    );
    this.locks = locks === undefined ? (globalThis.navigator?.locks ?? null) : locks;
    this.cart = null;
    this.inFlight = 0; // requests on the wire right now from this tab: the queue keeps this at most 1
    this.maxInFlight = 0;
    this.reapplied = 0; // turns sent again because another tab moved the cart meanwhile
    this._queue = Promise.resolve();
    this._onStorage = (e) => this._followOtherTab(e);
    globalThis.addEventListener?.("storage", this._onStorage);
  }

  // --- token persistence -------------------------------------------------------------------------
  get persistent() {
    return this._store.persistent;
  }

  get saved() {
    return parseSaved(this._store.read());
  }

  get token() {
    return this.saved?.token ?? null;
  }

  _storageFailed(err) {
    if (this.storageProblem) return;
    this.storageProblem = { name: err?.name || "Error", message: err?.message || String(err) };
    const detail = {
      ...this.storageProblem,
      message: "This browser does not let the page save your order, so it is kept only while this page stays open.",
    };
    // the constructor may be the one failing: let the page attach its listener first
    queueMicrotask(() => this._emit("storage-unavailable", detail));
  }

  // Save an answer's token if the saved token is still `expected` (undefined: whatever it is).
  async _save(expected, data) {
    const value = JSON.stringify({ token: data.cart_token, expiresAt: data.cart?.expires_at ?? null, cart: data.cart });
    const saved = await this._store.commit(expected, value);
    if (saved) this._show(data.cart);
    return saved;
  }

  _show(cart, source = "server") {
    this.cart = cart;
    this._emit("cart", { cart, source });
  }

  _followOtherTab(event) {
    if (event.key !== this.storageKey || event.storageArea !== this._store.storage) return;
    const saved = parseSaved(event.newValue);
    if (saved?.cart) {
      this._store.memory = event.newValue;
      this._show(saved.cart, "other-tab");
    }
  }

  // Drop the saved cart (every tab's), in line with every tab's turns. Resolves once it is gone.
  forget() {
    return this._serial(async () => {
      this.cart = null;
      await this._store.commit(undefined, null);
    });
  }

  close() {
    globalThis.removeEventListener?.("storage", this._onStorage);
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // The server refused `err.token`: drop it (unless another tab replaced it meanwhile, when the
  // retry simply uses theirs) and say why. Resolves to the words, or null when nothing was dropped.
  async _refused(err) {
    if (!(await this._store.commit(err.token, null))) return null;
    this.cart = null;
    const words = TOKEN_REFUSALS[err.code] ?? TOKEN_REFUSALS.token_invalid;
    const detail = { code: err.code, reason: words.reason, message: words.customer, serverMessage: err.message };
    this._emit("cart-reset", detail);
    return words;
  }

  // --- one line of turns per cart, across tabs ----------------------------------------------------------
  _serial(task) {
    const locked = () => (this.locks ? this.locks.request(this.storageKey, task) : task());
    const run = this._queue.then(locked, locked);
    this._queue = run.catch(() => {});
    return run;
  }

  // Send one request with the newest token of any tab and save its answer by compare-and-set. When
  // the token moved while the request was on the wire (another tab's turn), it is sent again on the
  // newer token instead of overwriting that tab's cart with a fork (or dropping it because the
  // older token was refused); `resend(data)` may veto that (a placed order is never re-sent: its
  // answer is saved as it is). A refusal carries the refused token as `err.token`.
  async _request(method, path, body, { resend = () => true } = {}) {
    for (let attempt = 0, retry = 0; ; attempt += 1) {
      const sent = tokenOf(await this._store.latest());
      const { response, data } = await this._send(method, path, body, sent);
      if (RETRY_STATUSES.has(response.status) && retry < MAX_RETRIES) {
        await this.sleep(retryWait(response, retry));
        retry += 1;
        this.retried += 1;
        continue; // the same token (unless another tab moved the cart meanwhile: then theirs)
      }
      if (!response.ok) {
        const error = new CartClientError(data.error || {}, response.status);
        error.token = sent;
        const moved = error.code in TOKEN_REFUSALS && tokenOf(await this._store.latest()) !== sent;
        if (!moved || attempt >= MAX_REAPPLY) throw error;
      } else if (!data.cart_token || (await this._save(sent, data))) {
        return data;
      } else if (!resend(data)) {
        await this._save(undefined, data);
        return data;
      } else if (attempt >= MAX_REAPPLY) {
        throw new CartClientError({ code: "cart_busy", message: "other tabs keep changing this cart; try again" }, 0);
      }
      this.reapplied += 1;
    }
  }

  async _send(method, path, body, token) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers[TOKEN_HEADER] = token;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const url = `${this.baseUrl}/v1/restaurants/${encodeURIComponent(this.restaurantId)}${path}`;
      const response = await this.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { response, data: await response.json().catch(() => ({})) };
    } catch (err) {
      throw new CartClientError({ code: "network_error", message: `cannot reach the cart service: ${err.message}` }, 0);
    } finally {
      this.inFlight -= 1;
    }
  }

  // --- cart operations --------------------------------------------------------------------------------
  // A fresh, empty cart that replaces the stored one (in line with every tab's turns).
  newCart() {
    return this._serial(() => this._request("POST", "/cart", undefined, { resend: () => false }));
  }

  // The saved cart if the server still accepts it, otherwise a fresh one (with a "cart-reset" event).
  // A fresh cart that another tab started meanwhile is taken up rather than replaced.
  restore() {
    return this._serial(async () => {
      for (let attempt = 0; ; attempt += 1) {
        if (tokenOf(await this._store.latest())) {
          try {
            return await this._request("GET", "/cart");
          } catch (err) {
            if (!(err instanceof CartClientError) || !(err.code in TOKEN_REFUSALS)) throw err;
            await this._refused(err);
            continue;
          }
        }
        const { response, data } = await this._send("POST", "/cart", undefined, null);
        if (!response.ok) throw new CartClientError(data.error || {}, response.status);
        if (await this._save(attempt >= MAX_REAPPLY ? undefined : null, data)) return data;
      }
    });
  }

  // Run a voice tool; resolves to {ok, output (JSON string for the model), cart, cart_token, call_id}.
  // A token the server refuses is dropped and the call runs once more on a fresh cart; the output
  // then carries a `note` for the model saying why (expired, key retired, unreadable).
  callTool(name, args = {}, callId = undefined) {
    return this._serial(async () => {
      const path = `/tools/${encodeURIComponent(name)}`;
      const body = { arguments: args, call_id: callId };
      // an order placed on the old token is not placed again: checkout is the one turn never re-sent
      const resend = (data) => !parseOutput(data.output).order;
      let data;
      let refused = null;
      try {
        data = await this._request("POST", path, body, { resend });
      } catch (err) {
        if (!(err instanceof CartClientError) || !(err.code in TOKEN_REFUSALS) || !err.token) throw err;
        refused = await this._refused(err);
        data = await this._request("POST", path, body, { resend });
      }
      const output = parseOutput(data.output);
      if (refused) {
        output.note = refused.model;
        data.output = JSON.stringify(output);
      }
      this._emit("tool-result", { name, callId, ok: data.ok, output });
      if (output.order) this._emit("order", { order: output.order });
      return data;
    });
  }
}

function parseOutput(text) {
  try {
    const output = JSON.parse(text ?? "{}");
    return output && typeof output === "object" ? output : { message: String(output) };
  } catch {
    return { message: String(text) };
  }
}
