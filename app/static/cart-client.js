// voicecart browser client: a dependency-free ES module.
//
//   const client = new CartClient({ baseUrl: "", restaurantId: "demo-burger" });
//   await client.restore();                       // the cart from localStorage, or a fresh one
//   const adapter = new RealtimeAdapter(client, dataChannel);
//   dataChannel.onmessage = (e) => adapter.handle(e.data);
//
// The server keeps no cart: every answer carries the whole cart as a signed token, which we keep
// in localStorage (a reload or a reopened tab within the sliding 30 minutes restores the cart).
// Calls go through one serial queue and each is sent with the newest token, so two function
// calls from one model response can never both start from the same cart and drop an item.

const TOKEN_HEADER = "Cart-Token";
const TOKEN_PROBLEMS = new Set(["token_expired", "token_invalid", "token_wrong_restaurant", "token_missing"]);

export class CartClientError extends Error {
  constructor(error, status) {
    super(error.message || `HTTP ${status}`);
    this.code = error.code || "http_error";
    this.status = status;
    this.details = error;
  }
}

export class CartClient extends EventTarget {
  constructor({ baseUrl = "", restaurantId, storage = globalThis.localStorage, fetch = globalThis.fetch } = {}) {
    super();
    if (!restaurantId) throw new Error("CartClient needs a restaurantId");
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.restaurantId = restaurantId;
    this.storage = storage;
    this.fetch = fetch.bind(globalThis);
    this.storageKey = `voicecart:cart:${restaurantId}`;
    this.cart = null;
    this.inFlight = 0; // requests on the wire right now: the queue keeps this at most 1
    this.maxInFlight = 0;
    this._queue = Promise.resolve();
  }

  // --- token persistence -------------------------------------------------------------------------
  get saved() {
    try {
      const raw = this.storage.getItem(this.storageKey);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  get token() {
    return this.saved?.token ?? null;
  }

  _remember(token, cart) {
    this.storage.setItem(this.storageKey, JSON.stringify({ token, expiresAt: cart.expires_at }));
    this.cart = cart;
    this._emit("cart", { cart });
  }

  forget() {
    this.storage.removeItem(this.storageKey);
    this.cart = null;
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  _expired(code, message) {
    this.forget();
    this._emit("expired", { code, message });
  }

  // --- the serial queue ------------------------------------------------------------------------------
  _serial(task) {
    const run = this._queue.then(task, task);
    this._queue = run.catch(() => {});
    return run;
  }

  async _request(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    const token = this.token; // read at send time: the newest token, after every earlier call
    if (token) headers[TOKEN_HEADER] = token;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let response;
    try {
      response = await this.fetch(`${this.baseUrl}/v1/restaurants/${encodeURIComponent(this.restaurantId)}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new CartClientError({ code: "network_error", message: `cannot reach the cart service: ${err.message}` }, 0);
    } finally {
      this.inFlight -= 1;
    }
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      if (data.cart_token) this._remember(data.cart_token, data.cart);
      return data;
    }
    throw new CartClientError(data.error || {}, response.status);
  }

  // A call whose token the server refuses (expired, or from another key ring) is retried once on a
  // fresh cart; the "expired" event lets the page say so.
  async _withFreshCartOnExpiry(send) {
    try {
      return { data: await send(), fresh: false };
    } catch (err) {
      if (!(err instanceof CartClientError) || !TOKEN_PROBLEMS.has(err.code) || !this.token) throw err;
      this._expired(err.code, err.message);
      return { data: await send(), fresh: true };
    }
  }

  // --- cart operations --------------------------------------------------------------------------------
  newCart() {
    return this._serial(() => this._request("POST", "/cart"));
  }

  // The cart from storage if it is still alive, otherwise a fresh one (with an "expired" event).
  restore() {
    return this._serial(async () => {
      const saved = this.saved;
      if (saved && Date.parse(saved.expiresAt) <= Date.now()) {
        this._expired("token_expired", "your previous order expired after a period of inactivity");
      } else if (saved) {
        try {
          return await this._request("GET", "/cart");
        } catch (err) {
          if (!(err instanceof CartClientError) || !TOKEN_PROBLEMS.has(err.code)) throw err;
          this._expired(err.code, err.message);
        }
      }
      return this._request("POST", "/cart");
    });
  }

  // Run a voice tool; resolves to {ok, output (JSON string for the model), cart, call_id}.
  callTool(name, args = {}, callId = undefined) {
    return this._serial(async () => {
      const path = `/tools/${encodeURIComponent(name)}`;
      const { data, fresh } = await this._withFreshCartOnExpiry(() =>
        this._request("POST", path, { arguments: args, call_id: callId })
      );
      if (fresh) {
        const output = JSON.parse(data.output);
        output.note = "The previous order had expired, so this started a new order; tell the customer.";
        data.output = JSON.stringify(output);
      }
      const output = JSON.parse(data.output);
      this._emit("tool-result", { name, callId, ok: data.ok, output });
      if (output.order) this._emit("order", { order: output.order });
      return data;
    });
  }
}

// Bridges a Realtime data channel and the cart: answers every function call with a
// function_call_output for its call_id, then sends exactly one response.create per model
// response, once that response is done and all its calls are answered.
export class RealtimeAdapter extends EventTarget {
  constructor(client, channel) {
    super();
    this.client = client;
    this.channel = channel;
    this.responses = new Map(); // response id -> {calls, pending, done, continued}
    this.seenCalls = new Set();
    this._waiters = [];
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  send(message) {
    this.channel.send(JSON.stringify(message));
    this._emit("sent", { message });
  }

  _response(id) {
    const key = id || "unknown";
    if (!this.responses.has(key)) this.responses.set(key, { calls: 0, pending: 0, done: false, continued: false });
    return this.responses.get(key);
  }

  handle(raw) {
    const event = typeof raw === "string" ? JSON.parse(raw) : raw;
    this._emit("event", { event });
    switch (event.type) {
      case "response.function_call_arguments.done":
        this._call(event.response_id, event.call_id, event.name, event.arguments);
        break;
      case "response.done": {
        const response = event.response || {};
        for (const item of response.output || []) {
          if (item.type === "function_call" && item.arguments !== undefined) {
            this._call(response.id, item.call_id, item.name, item.arguments);
          }
        }
        this._response(response.id).done = true;
        this._maybeContinue(response.id);
        break;
      }
      case "conversation.item.input_audio_transcription.completed":
        this._emit("transcript", { role: "user", text: event.transcript });
        break;
      case "response.output_audio_transcript.done":
      case "response.audio_transcript.done":
      case "response.output_text.done":
        this._emit("transcript", { role: "assistant", text: event.transcript ?? event.text });
        break;
      case "error":
        this._emit("model-error", { error: event.error });
        break;
      default:
        break;
    }
  }

  _call(responseId, callId, name, args) {
    if (!callId || this.seenCalls.has(callId)) return;
    this.seenCalls.add(callId);
    const response = this._response(responseId);
    response.calls += 1;
    response.pending += 1;
    this._emit("tool-call", { name, callId, arguments: args });
    this.client
      .callTool(name, args, callId)
      .then(
        (data) => data.output,
        (err) => JSON.stringify({ ok: false, error: err.code || "client_error", message: err.message })
      )
      .then((output) => {
        this.send({ type: "conversation.item.create", item: { type: "function_call_output", call_id: callId, output } });
      })
      .finally(() => {
        response.pending -= 1;
        this._maybeContinue(responseId);
      });
  }

  _maybeContinue(responseId) {
    const response = this._response(responseId);
    if (response.done && response.pending === 0 && response.calls > 0 && !response.continued) {
      response.continued = true;
      this.send({ type: "response.create" });
    }
    if (this.idle) this._waiters.splice(0).forEach((resolve) => resolve());
  }

  // True when no response waits for a tool answer or for its response.create.
  get idle() {
    for (const r of this.responses.values()) {
      if (r.pending > 0 || (r.calls > 0 && !r.continued)) return false;
    }
    return true;
  }

  settled() {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this._waiters.push(resolve));
  }
}

// A data channel stand-in for the simulate box and tests: records what the adapter sends.
export class RecordingChannel {
  constructor() {
    this.sent = [];
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }
}

// Play a scripted list of Realtime events through an adapter, as a model would: the events of a
// new response wait until the previous responses were answered and continued.
export async function playScript(adapter, events, { delayMs = 0 } = {}) {
  for (const event of events) {
    if (event.type === "response.created") await adapter.settled();
    adapter.handle(event);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  await adapter.settled();
}
