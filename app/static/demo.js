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
async function loadMenu() {
  const response = await fetch(`/v1/restaurants/${encodeURIComponent(restaurantId)}/menu`);
  const menu = await response.json();
  if (!response.ok) return notice(menu.error?.message || "menu unavailable");
  currency = menu.currency || "USD";
  $("restaurant-name").textContent = `${menu.name} — voice order`;
  const byCategory = new Map();
  for (const item of menu.items) {
    if (!byCategory.has(item.category)) byCategory.set(item.category, []);
    byCategory.get(item.category).push(item);
  }
  for (const [category, items] of byCategory) {
    $("menu").append(el("h3", { textContent: category }));
    for (const item of items) {
      const row = el("div", { className: `menu-item${item.available === false ? " unavailable" : ""}` });
      // an item with variations (sizes) shows its cheapest price
      const prices = item.variations ? item.variations.map((v) => v.price_cents) : [item.price_cents];
      row.append(el("span", { textContent: item.name }), el("span", { textContent: money(Math.min(...prices)) }));
      $("menu").append(row);
    }
  }
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
  $("subtotal").textContent = money(cart.subtotal_cents);
  $("tax").textContent = money(cart.tax_cents);
  $("total").textContent = money(cart.total_cents);
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

// Recorded Realtime event sequences (app/static/realtime-events.json), one per scenario.
let scenarios = {};
function showScenario(name) {
  $("script").value = JSON.stringify(scenarios[name]?.steps ?? [], null, 1);
  $("scenario-about").textContent = scenarios[name]?.about ?? "";
}

async function loadScript() {
  const response = await fetch(`/static/realtime-events.json`);
  if (!response.ok) return;
  const recorded = await response.json();
  if (recorded.restaurant_id !== restaurantId) return;
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
    await playScript(simulated, events, { delayMs: Number(params.get("delay") ?? 150) });
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
$("new-order").addEventListener("click", async () => {
  // no forget() first: newCart replaces the token in its turn, after any turn another tab has under way
  notice("");
  if (storageNote) notice(storageNote, "storage");
  renderCart((await client.newCart()).cart);
});

window.voicecart = { client, adapter: simulated, channel, play, playScript, RealtimeAdapter, scenarios, ready: null };
window.voicecart.ready = (async () => {
  await loadMenu();
  renderCart((await client.restore()).cart);
  await loadScript();
  document.body.dataset.ready = "true";
})();
