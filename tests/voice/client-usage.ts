// How a TypeScript app uses cart-client.js: type-checked against cart-client.d.ts (tsc --noEmit).
import {
  CartClient,
  CartClientError,
  RealtimeAdapter,
  RecordingChannel,
  TOKEN_REFUSALS,
  playScript,
  type Cart,
  type CartAnswer,
  type ScriptStep,
  type ToolAnswer,
  type ToolOutput,
} from "../../app/static/cart-client.js";

export async function order(channel: RTCDataChannel): Promise<number> {
  const client = new CartClient({ baseUrl: "", restaurantId: "demo-burger", storage: null, locks: null });
  client.addEventListener("cart", (e) => render(e.detail.cart, e.detail.source === "other-tab"));
  client.addEventListener("cart-reset", (e) => alert(`${e.detail.message} (${e.detail.reason})`));
  client.addEventListener("storage-unavailable", (e) => console.warn(e.detail.message));
  client.addEventListener("order", (e) => console.log(e.detail.order.order_id, e.detail.order.total_cents));

  const restored: CartAnswer = await client.restore();
  const lines: number = restored.cart.lines.length;

  const adapter = new RealtimeAdapter(client, channel);
  channel.addEventListener("message", (e: MessageEvent<string>) => adapter.handle(e.data));
  adapter.addEventListener("sent", (e) => console.debug(e.detail.message.event_id, e.detail.message.type));
  adapter.addEventListener("transcript", (e) => console.log(e.detail.role, e.detail.text));
  await adapter.settled();

  try {
    const answer: ToolAnswer = await client.callTool("add_to_order", { items: [{ item: "fries" }] }, "call_1");
    const output = JSON.parse(answer.output) as ToolOutput;
    if (!answer.ok) console.log(output.message, output.note ?? "");
    return lines + answer.cart.total_cents;
  } catch (err) {
    if (err instanceof CartClientError && err.status === 0) return -1;
    throw err;
  }
}

export async function simulate(steps: ScriptStep[]): Promise<number> {
  const client = new CartClient({ restaurantId: "demo-burger" });
  const channel = new RecordingChannel();
  await playScript(new RealtimeAdapter(client, channel), steps, { delayMs: 0 });
  return channel.sent.filter((m) => m.type === "response.create").length;
}

function render(cart: Cart, fromOtherTab: boolean): void {
  const words = TOKEN_REFUSALS.token_key_retired.customer;
  console.log(cart.id, cart.revision, cart.expires_at, fromOtherTab, words);
}
