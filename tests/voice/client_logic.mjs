// Drives cart-client.js under node with a stand-in server and storage, for the branches the
// browser tests cannot force: `node client_logic.mjs SCENARIO` prints what happened as JSON.
import { CartClient } from "../../app/static/cart-client.js";

// A stand-in cart service: each answer mints token `t<n>`; `onSend` may change the stored token
// while the request is "on the wire", as another tab's turn would.
function service(storage, { onSend = () => {}, output = { ok: true, message: "Added" } } = {}) {
  const sent = [];
  let minted = 0;
  const fetch = async (url, init) => {
    sent.push({ method: init.method, path: new URL(url, "http://x").pathname, token: init.headers["Cart-Token"] ?? null });
    onSend(sent.length);
    minted += 1;
    const cart = { id: "c1", revision: minted, lines: [], expires_at: "2030-01-01T00:00:00Z" };
    const body = { ok: true, cart, cart_token: `t${minted}`, output: JSON.stringify(output), call_id: null };
    return { ok: true, status: 200, json: async () => body };
  };
  return { fetch, sent };
}

function memoryStorage(initial = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
    items,
  };
}

const KEY = "voicecart:cart:demo-burger";
const saved = (token) => JSON.stringify({ token, expiresAt: null });

const scenarios = {
  // another tab moves the token once while a call is out: the call is sent again on the newer token
  async moved_once() {
    const storage = memoryStorage({ [KEY]: saved("base") });
    const { fetch, sent } = service(storage, { onSend: (n) => n === 1 && storage.setItem(KEY, saved("other")) });
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null });
    const answer = await client.callTool("add_to_order", { items: [] }, "call_1");
    return { sent, stored: JSON.parse(storage.getItem(KEY)).token, answered: answer.cart_token, reapplied: client.reapplied };
  },
  // the old token is refused while another tab already moved the cart on: use theirs, drop nothing
  async refused_but_moved() {
    const storage = memoryStorage({ [KEY]: saved("old") });
    const { fetch: answer, sent } = service(storage);
    const fetch = async (url, init) => {
      if (init.headers["Cart-Token"] !== "old") return answer(url, init);
      sent.push({ method: init.method, path: new URL(url, "http://x").pathname, token: "old" });
      storage.setItem(KEY, saved("other"));
      const error = { code: "token_expired", message: "the cart expired" };
      return { ok: false, status: 401, json: async () => ({ error }) };
    };
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null });
    const resets = [];
    client.addEventListener("cart-reset", (e) => resets.push(e.detail.code));
    const data = await client.callTool("add_to_order", {}, "call_1");
    return { sent, resets, note: JSON.parse(data.output).note ?? null, stored: JSON.parse(storage.getItem(KEY)).token };
  },
  // a placed order is never placed again, even when the token moved meanwhile
  async order_not_resent() {
    const storage = memoryStorage({ [KEY]: saved("base") });
    const output = { ok: true, message: "Placed", order: { order_id: "o1", total_cents: 100 } };
    const { fetch, sent } = service(storage, { output, onSend: () => storage.setItem(KEY, saved("other")) });
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null });
    const orders = [];
    client.addEventListener("order", (e) => orders.push(e.detail.order.order_id));
    await client.callTool("confirm_order", { action: "checkout" }, "call_1");
    return { sent, stored: JSON.parse(storage.getItem(KEY)).token, orders };
  },
  // the token never stops moving: a clear cart_busy error, and nothing of ours overwrites the cart
  async always_moving() {
    const storage = memoryStorage({ [KEY]: saved("base") });
    const { fetch, sent } = service(storage, { onSend: (n) => storage.setItem(KEY, saved(`other${n}`)) });
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null });
    const error = await client.callTool("add_to_order", {}, "call_1").then(
      () => null,
      (err) => err.code
    );
    return { attempts: sent.length, error, stored: JSON.parse(storage.getItem(KEY)).token };
  },
  // a first visit while another tab starts the cart: take that cart up instead of replacing it
  async restore_takes_up_the_other_tabs_cart() {
    const storage = memoryStorage();
    const { fetch, sent } = service(storage, { onSend: (n) => n === 1 && storage.setItem(KEY, saved("other")) });
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null });
    await client.restore();
    return { sent, stored: JSON.parse(storage.getItem(KEY)).token };
  },
  // a checkout answered by nginx's own 502, then the app's 504 order_outcome_unknown: sent again with
  // the same token until the order comes back
  async checkout_retried_on_gateway_errors() {
    const storage = memoryStorage({ [KEY]: saved("base") });
    const output = { ok: true, message: "Placed", order: { order_id: "o1", total_cents: 100 } };
    const { fetch: answer, sent } = service(storage, { output });
    const failures = [
      { status: 502, headers: new Map(), json: async () => { throw new SyntaxError("<html>"); } },
      { status: 504, headers: new Map([["Retry-After", "1"]]), json: async () => ({ error: { code: "order_outcome_unknown" } }) },
    ];
    const fetch = async (url, init) => {
      const failure = failures.shift();
      if (!failure) return answer(url, init);
      sent.push({ method: init.method, path: new URL(url, "http://x").pathname, token: init.headers["Cart-Token"] ?? null });
      return { ok: false, ...failure };
    };
    const waits = [];
    const sleep = async (ms) => waits.push(ms);
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks: null, sleep });
    const orders = [];
    client.addEventListener("order", (e) => orders.push(e.detail.order.order_id));
    await client.callTool("confirm_order", { action: "checkout", customer_name: "Ada", total_cents: 100 }, "c1");
    return { tokens: sent.map((s) => s.token), waits, orders, retried: client.retried };
  },
  // turns of one client wait for each other under the lock, one lock name per cart
  async turns_take_the_lock() {
    const storage = memoryStorage();
    const names = [];
    const locks = { request: async (name, task) => (names.push(name), task()) };
    const { fetch } = service(storage);
    const client = new CartClient({ restaurantId: "demo-burger", storage, fetch, locks });
    await Promise.all([client.callTool("a", {}, "1"), client.callTool("b", {}, "2"), client.restore()]);
    return { names, maxInFlight: client.maxInFlight };
  },
};

const name = process.argv[2];
if (!(name in scenarios)) throw new Error(`no scenario ${name}`);
console.log(JSON.stringify(await scenarios[name]()));
