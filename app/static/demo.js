// The demo page: menu, live cart, transcript, a simulate box, and (with OPENAI_API_KEY on the
// server) a live voice session over WebRTC. Both paths feed the same RealtimeAdapter.
import { CartClient, RealtimeAdapter, RecordingChannel, playScript } from "./cart-client.js";

const params = new URLSearchParams(location.search);
const restaurantId = params.get("restaurant") || "demo-burger";
const $ = (id) => document.getElementById(id);

const client = new CartClient({ baseUrl: "", restaurantId });
const channel = new RecordingChannel();
let currency = "USD";

// amounts are integers in the currency's minor unit: ¥850 is 850, KWD 1.250 is 1250
function money(minor) {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
}

// "2× Extra shot", nested choices in brackets: "Bacon and egg roll (Barbecue sauce)"
function modifierText(modifiers) {
  return modifiers
    .map((m) => {
      const nested = m.modifiers && m.modifiers.length ? ` (${modifierText(m.modifiers)})` : "";
      return `${m.quantity > 1 ? `${m.quantity}× ` : ""}${m.name}${nested}`;
    })
    .join(", ");
}

// Several notices can stand at once (storage off and a reset cart): each kind keeps one line.
const notices = new Map();
function notice(text, kind = "general") {
  if (text) notices.set(kind, text);
  else notices.clear();
  $("notice").textContent = [...notices.values()].join(" ");
  $("notice").hidden = notices.size === 0;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs);
  node.append(...children);
  return node;
}

// --- menu and cart ----------------------------------------------------------------------------------
// Serving hours (the menu's "hours" and an item's "availability" windows) in the restaurant's time
// zone: a range that ends before it starts runs past midnight and belongs to the day it opens.
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const minutes = (hhmm) => hhmm.split(":").reduce((h, m) => Number(h) * 60 + Number(m));

function localNow(timeZone) {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const part = (type) => format.formatToParts(new Date()).find((p) => p.type === type).value;
  return { day: part("weekday").toLowerCase().slice(0, 3), minute: minutes(`${part("hour")}:${part("minute")}`) };
}

function openNow(weekly, timeZone) {
  const now = localNow(timeZone);
  const spans = (day) => (weekly[day] || []).map((range) => range.split("-").map(minutes));
  const yesterday = DAYS[(DAYS.indexOf(now.day) + 6) % 7];
  return (
    spans(now.day).some(([from, to]) => now.minute >= from && (to <= from || now.minute < to)) ||
    spans(yesterday).some(([from, to]) => to <= from && now.minute < to)
  );
}

function todaysHours(weekly, timeZone) {
  const ranges = weekly[localNow(timeZone).day] || [];
  return ranges.length ? ranges.map((r) => r.replace("-", "–")).join(", ") : "not today";
}

let menu = null;
async function loadMenu() {
  const response = await fetch(`/v1/restaurants/${encodeURIComponent(restaurantId)}/menu`);
  const loaded = await response.json();
  if (!response.ok) return notice(loaded.error?.message || "menu unavailable");
  menu = loaded;
  currency = menu.currency || "USD";
  $("restaurant-name").textContent = `${menu.name} — voice order`;
  renderMenu();
  setInterval(renderMenu, 60_000); // serving hours begin and end while the page is open
}

function renderMenu() {
  const zone = menu.hours?.timezone || "UTC";
  if (menu.hours) {
    const open = openNow(menu.hours.weekly, zone);
    $("menu-hours").textContent = `${open ? "Open" : "Closed"} now · today ${todaysHours(menu.hours.weekly, zone)} (${zone} time)`;
    $("menu-hours").className = open ? "hours open" : "hours closed";
  }
  const byCategory = new Map();
  for (const item of menu.items) {
    if (!byCategory.has(item.category)) byCategory.set(item.category, []);
    byCategory.get(item.category).push(item);
  }
  const rows = [];
  for (const [category, items] of byCategory) {
    rows.push(el("h3", { textContent: category }));
    for (const item of items) {
      const windows = item.availability;
      const itemZone = windows?.timezone || zone;
      const served = !windows || openNow(windows.weekly, itemZone);
      const soldOut = item.available === false;
      const row = el("div", { className: `menu-item${soldOut || !served ? " unavailable" : ""}` });
      row.dataset.itemId = item.id;
      // an item with variations (sizes) shows its cheapest price
      const prices = item.variations ? item.variations.map((v) => v.price_cents) : [item.price_cents];
      const name = el("span", { className: "name", textContent: item.name });
      if (soldOut) name.append(el("span", { className: "when", textContent: "sold out" }));
      else if (!served) name.append(el("span", { className: "when", textContent: `served ${todaysHours(windows.weekly, itemZone)}` }));
      row.append(name, el("span", { className: "price", textContent: money(Math.min(...prices)) }));
      rows.push(row);
    }
  }
  $("menu").replaceChildren(...rows);
}

// The totals as a receipt: where every tax is in the prices, "Total" and "includes GST A$1.56";
// where a tax is added, Subtotal, that tax and Total (and any included tax under the total).
function renderTotals(cart) {
  const taxes = cart.taxes || [];
  const added = taxes.filter((t) => !t.inclusive);
  const included = taxes.filter((t) => t.inclusive && t.amount_cents);
  const row = (label, cents, id, className = "") =>
    el("tr", { className }, el("th", { textContent: label }), el("td", { id, textContent: money(cents) }));
  const rows = [];
  if (added.length) {
    const addedCents = added.reduce((sum, t) => sum + t.amount_cents, 0);
    rows.push(row("Subtotal", cart.subtotal_cents, "subtotal"), row(added.map((t) => t.name).join(" + "), addedCents, "tax"));
  }
  rows.push(row("Total", cart.total_cents, "total", "total"));
  for (const tax of included) {
    const line = el("td", { colSpan: 2, textContent: `includes ${tax.name} ${money(tax.amount_cents)}` });
    rows.push(el("tr", { className: "included", id: `includes-${tax.id}` }, line));
  }
  $("totals").replaceChildren(...rows);
}

function renderCart(cart) {
  if (!cart) return;
  currency = cart.currency || currency;
  const lines = $("cart-lines");
  lines.replaceChildren(
    ...cart.lines.map((line) => {
      const mods = modifierText(line.modifiers) + (line.notes ? ` — “${line.notes}”` : "");
      const name = line.variation ? `${line.variation.name} ${line.name}` : line.name;
      const li = el("li", { className: `cart-line${line.available ? "" : " unavailable"}` });
      li.dataset.lineId = line.line_id;
      li.append(
        el("span", { className: "qty", textContent: `${line.quantity}×` }),
        el("span", {}, el("span", { className: "name", textContent: name }), el("div", { className: "mods", textContent: mods })),
        el("span", { className: "price", textContent: line.available ? money(line.line_total_cents) : "unavailable" })
      );
      return li;
    })
  );
  $("cart-empty").hidden = cart.lines.length > 0;
  $("warnings").replaceChildren(...cart.warnings.map((w) => el("li", { textContent: w.message })));
  renderTotals(cart);
  $("cart-meta").textContent = `cart ${cart.id} · revision ${cart.revision} · kept until ${new Date(cart.expires_at).toLocaleTimeString()} if idle`;
}

function say(role, text, extra = "") {
  if (!text) return;
  const li = el("li", { className: `${role} ${extra}`.trim(), textContent: text });
  $("transcript").append(li);
  li.scrollIntoView({ block: "nearest" });
}

client.addEventListener("cart", (e) => renderCart(e.detail.cart));
client.addEventListener("cart-reset", (e) => notice(e.detail.message, "reset"));
let storageNote = ""; // said once, kept through "New order"
client.addEventListener("storage-unavailable", (e) => notice((storageNote = e.detail.message), "storage"));
client.addEventListener("order", (e) => {
  const order = e.detail.order;
  const box = $("order-placed");
  box.textContent = `Order placed: ${order.id ?? order.order_id ?? ""} — ${money(order.total_cents ?? 0)}`;
  box.hidden = false;
});

// --- the adapter (shared by simulate and live voice) ---------------------------------------------------
function wire(adapter) {
  adapter.addEventListener("transcript", (e) => say(e.detail.role, e.detail.text));
  adapter.addEventListener("tool-call", (e) => say("tool", `→ ${e.detail.name} ${e.detail.arguments || "{}"}`));
  adapter.addEventListener("sent", () => {
    $("sent-count").textContent = channel.sent.length;
    $("outputs-count").textContent = channel.sent.filter((m) => m.type === "conversation.item.create").length;
    $("creates-count").textContent = channel.sent.filter((m) => m.type === "response.create").length;
  });
  adapter.addEventListener("model-error", (e) => say("tool", `model error: ${e.detail.error?.message}`, "failed"));
  return adapter;
}

client.addEventListener("tool-result", (e) => {
  const { name, ok, output } = e.detail;
  say("tool", `← ${name}: ${output.message}`, ok ? "" : "failed");
});

const simulated = wire(new RealtimeAdapter(client, channel));
let plays = 0;

// Recorded Realtime event sequences, one per scenario: app/static/realtime-events.json (the burger
// demo) and realtime-events-<restaurant>.json for another restaurant.
let scenarios = {};
function showScenario(name) {
  $("script").value = JSON.stringify(scenarios[name]?.steps ?? [], null, 1);
  $("scenario-about").textContent = scenarios[name]?.about ?? "";
}

async function recordedFor(id) {
  for (const file of ["realtime-events.json", `realtime-events-${encodeURIComponent(id)}.json`]) {
    const response = await fetch(`/static/${file}`);
    if (!response.ok) continue;
    const recorded = await response.json();
    if (recorded.restaurant_id === id) return recorded;
  }
  return null;
}

async function loadScript() {
  const recorded = await recordedFor(restaurantId);
  if (!recorded) {
    $("scenario-about").textContent = "No recorded conversations for this restaurant: paste Realtime events below.";
    return;
  }
  scenarios = recorded.scenarios;
  window.voicecart.scenarios = scenarios;
  $("scenario").replaceChildren(...Object.keys(scenarios).map((name) => el("option", { value: name, textContent: name })));
  showScenario(Object.keys(scenarios)[0]);
}

async function play() {
  let events;
  try {
    events = JSON.parse($("script").value || "[]");
  } catch (err) {
    $("sim-status").textContent = `script is not JSON: ${err.message}`;
    return;
  }
  $("play").disabled = true;
  $("sim-status").textContent = "playing…";
  try {
    if (client.cart?.checked_out) await newOrder(); // that order is placed: a script plays on a new one
    // each play is a conversation of its own: a fresh adapter, or a replay's call ids would count as made
    const adapter = plays++ ? wire(new RealtimeAdapter(client, channel)) : simulated;
    await playScript(adapter, events, { delayMs: Number(params.get("delay") ?? 150) });
    $("sim-status").textContent = "done";
  } catch (err) {
    $("sim-status").textContent = `stopped: ${err.message}`;
  } finally {
    $("play").disabled = false;
  }
}

// --- live voice: WebRTC to the Realtime API with a client secret minted by the server ---------------
async function connectVoice() {
  $("voice-status").textContent = "connecting…";
  const response = await fetch("/v1/realtime/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ restaurant_id: restaurantId }),
  });
  const session = await response.json();
  if (!response.ok) {
    $("voice-status").textContent = "voice off";
    notice(`${session.error?.message || "voice is unavailable"} — the simulate box still works.`);
    return;
  }
  if (session.restaurant_id !== restaurantId) {
    $("voice-status").textContent = "voice off";
    return notice("the voice session was minted for another restaurant; not starting it");
  }
  const pc = new RTCPeerConnection();
  const audio = el("audio", { autoplay: true });
  pc.ontrack = (e) => (audio.srcObject = e.streams[0]);
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  pc.addTrack(mic.getTracks()[0]);
  const dataChannel = pc.createDataChannel("oai-events");
  const live = wire(new RealtimeAdapter(client, dataChannel));
  dataChannel.addEventListener("message", (e) => live.handle(e.data));
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await fetch(session.calls_url, {
    method: "POST",
    body: offer.sdp,
    headers: { Authorization: `Bearer ${session.client_secret.value}`, "Content-Type": "application/sdp" },
  });
  if (!answer.ok) {
    $("voice-status").textContent = "voice off";
    return notice(`the speech service refused the call (${answer.status})`);
  }
  await pc.setRemoteDescription({ type: "answer", sdp: await answer.text() });
  $("voice-status").textContent = "listening";
}

$("play").addEventListener("click", play);
$("scenario").addEventListener("change", (e) => showScenario(e.target.value));
$("connect").addEventListener("click", () => connectVoice().catch((err) => notice(`voice failed: ${err.message}`)));
async function newOrder() {
  // no forget() first: newCart replaces the token in its turn, after any turn another tab has under way
  notice("");
  if (storageNote) notice(storageNote, "storage");
  $("order-placed").hidden = true; // the last order's banner does not stand over the new cart
  $("order-placed").textContent = "";
  renderCart((await client.newCart()).cart);
}
$("new-order").addEventListener("click", newOrder);

window.voicecart = { client, adapter: simulated, channel, play, playScript, RealtimeAdapter, scenarios, ready: null };
window.voicecart.ready = (async () => {
  await loadMenu();
  renderCart((await client.restore()).cart);
  await loadScript();
  document.body.dataset.ready = "true";
})();
