// The Realtime side of the browser client: a dependency-free ES module (re-exported by
// cart-client.js; types in realtime-adapter.d.ts).
//
//   const adapter = new RealtimeAdapter(client, dataChannel);   // client: a CartClient
//   dataChannel.onmessage = (e) => adapter.handle(e.data);

function newEventId() {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `evt_vc_${random.replaceAll("-", "")}`.slice(0, 32);
}

// Bridges a Realtime data channel and the cart, as OpenAI's Agents SDK does:
// - a function call is made only from a *completed* function_call item (response.output_item.done,
//   or an item of response.done), named by that item; cancelled, interrupted and incomplete calls
//   are never made; a call id is marked made only once it really was;
// - every call is answered with a function_call_output for its call_id;
// - response.create is sent once per batch of answered calls, only when no response is active
//   (response.created ... response.done) and no call is still running; a refused create
//   (conversation_already_has_active_response) is sent again once the active response ends;
// - every client event carries an event_id.
export class RealtimeAdapter extends EventTarget {
  constructor(client, channel) {
    super();
    this.client = client;
    this.channel = channel;
    this.responses = new Map(); // response id -> {status, calls: [call ids]}
    this.active = new Set(); // ids of responses created and not yet done
    this.madeCalls = new Set(); // call ids really sent to the cart
    this.running = 0; // calls sent and not yet answered
    this.owed = false; // answered calls that still need a response.create
    this.createInFlight = null; // event_id of a response.create the server has not started yet
    this.createIds = new Set(); // event_ids of every response.create sent
    this.blocked = false; // a create was refused for a response never announced: wait for a response.done
    this._waiters = [];
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  send(message) {
    const event = { event_id: newEventId(), ...message };
    this.channel.send(JSON.stringify(event));
    this._emit("sent", { message: event });
    return event;
  }

  _response(id) {
    const key = id || "unknown";
    if (!this.responses.has(key)) this.responses.set(key, { status: "in_progress", calls: [] });
    return this.responses.get(key);
  }

  handle(raw) {
    let event;
    try {
      event = typeof raw === "string" ? JSON.parse(raw) : raw;
    } catch {
      this._emit("model-error", { error: { message: "the speech model sent an event that is not JSON" } });
      return;
    }
    this._emit("event", { event });
    switch (event.type) {
      case "response.created": {
        const id = event.response?.id;
        this._response(id).status = event.response?.status ?? "in_progress";
        this.active.add(id);
        this.createInFlight = null;
        break;
      }
      case "response.output_item.done":
        this._completedItem(event.response_id, event.item);
        break;
      case "response.done": {
        const response = event.response || {};
        for (const item of response.output || []) this._completedItem(response.id, item);
        this._response(response.id).status = response.status ?? "completed";
        this.active.delete(response.id);
        this.blocked = false;
        this._emit("response-done", { id: response.id, status: response.status, details: response.status_details });
        this._continue();
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
        this._error(event.error || {});
        break;
      default:
        break;
    }
  }

  _error(error) {
    const ours = !error.event_id || this.createIds.has(error.event_id);
    if (error.code === "conversation_already_has_active_response" && ours) {
      // our response.create met a response that started meanwhile (the user spoke): send it
      // again once no response is active
      this.createInFlight = null;
      this.owed = true;
      if (this.active.size === 0) this.blocked = true; // that response was not announced: wait for its done
      this._emit("create-deferred", { error });
      return;
    }
    this._emit("model-error", { error });
  }

  _completedItem(responseId, item) {
    if (!item || item.type !== "function_call" || item.status !== "completed") return;
    if (!item.call_id || !item.name || this.madeCalls.has(item.call_id)) return;
    this.madeCalls.add(item.call_id);
    this._response(responseId).calls.push(item.call_id);
    this._call(item.call_id, item.name, item.arguments ?? "{}");
  }

  _call(callId, name, args) {
    this.running += 1;
    this._emit("tool-call", { name, callId, arguments: args });
    this.client
      .callTool(name, args, callId)
      .then(
        (data) => data.output,
        (err) => JSON.stringify({ ok: false, error: err.code || "client_error", message: err.message })
      )
      .then((output) => {
        this.send({ type: "conversation.item.create", item: { type: "function_call_output", call_id: callId, output } });
        this.owed = true;
      })
      .finally(() => {
        this.running -= 1;
        this._continue();
      });
  }

  _continue() {
    if (this.owed && this.running === 0 && this.active.size === 0 && !this.createInFlight && !this.blocked) {
      this.owed = false;
      this.createInFlight = this.send({ type: "response.create" }).event_id;
      this.createIds.add(this.createInFlight);
    }
    if (this.idle) this._waiters.splice(0).forEach((resolve) => resolve());
  }

  // True when no call runs and no answered call waits for its response.create.
  get idle() {
    return this.running === 0 && !this.owed;
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

// Play recorded Realtime server events through an adapter, as the model would. A step
// `{"await": "response.create"}` is where the model waits for the client: the player goes on
// once the adapter has sent one more response.create (and fails after `timeoutMs` if it never does).
export async function playScript(adapter, steps, { delayMs = 0, timeoutMs = 10_000 } = {}) {
  let creates = 0;
  const counted = (e) => {
    if (e.detail.message.type === "response.create") creates += 1;
  };
  adapter.addEventListener("sent", counted);
  try {
    let expected = 0;
    for (const step of steps) {
      if (step.await === "response.create") {
        expected += 1;
        await waitFor(() => creates >= expected, adapter, timeoutMs, "the adapter never sent response.create");
        continue;
      }
      adapter.handle(step);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    await adapter.settled();
  } finally {
    adapter.removeEventListener("sent", counted);
  }
}

function waitFor(condition, adapter, timeoutMs, message) {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      adapter.removeEventListener("sent", check);
      reject(new Error(message));
    }, timeoutMs);
    const check = () => {
      if (!condition()) return;
      clearTimeout(timer);
      adapter.removeEventListener("sent", check);
      resolve();
    };
    adapter.addEventListener("sent", check);
  });
}
