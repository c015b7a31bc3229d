// Types for cart-client.js (hand-written; checked with `tsc --noEmit` by tests/voice/test_client_types.py
// against tests/voice/client-usage.ts). Field names are the server's JSON as it is sent.

export * from "./realtime-adapter.js";
import { TypedEventTarget } from "./typed-events.js";

/** A money amount in the currency's minor unit (cents for USD). */
export type MinorUnits = number;

export interface CartModifier {
  id: string;
  name: string;
  price_cents: MinorUnits;
  [field: string]: unknown;
}

export interface CartLine {
  line_id: number;
  item_id: string | null;
  name: string;
  quantity: number;
  modifiers: CartModifier[];
  notes?: string | null;
  available: boolean;
  unit_price_cents: MinorUnits;
  line_total_cents: MinorUnits;
  [field: string]: unknown;
}

export interface CartWarning {
  code: string;
  message: string;
  line_id?: number;
  [field: string]: unknown;
}

/** The whole cart as every answer carries it. */
export interface Cart {
  id: string;
  restaurant_id: string;
  revision: number;
  currency: string;
  lines: CartLine[];
  item_count: number;
  checked_out: boolean;
  warnings: CartWarning[];
  subtotal_cents: MinorUnits;
  tax_cents: MinorUnits;
  total_cents: MinorUnits;
  /** ISO 8601: when the server will refuse the token if nothing happens before (the server decides). */
  expires_at: string;
  [field: string]: unknown;
}

/** What `newCart()` and `restore()` resolve to. */
export interface CartAnswer {
  cart: Cart;
  cart_token: string;
  [field: string]: unknown;
}

/** What `callTool()` resolves to: the cart after the turn, and the output to hand to the model. */
export interface ToolAnswer extends CartAnswer {
  /** false: the tool could not do all that was asked (the output's message says what to ask). */
  ok: boolean;
  /** The JSON string for `function_call_output.output`; with a `note` after a refused saved cart. */
  output: string;
  call_id: string | null;
}

/** The parsed `output` of a tool answer. */
export interface ToolOutput {
  ok?: boolean;
  message: string;
  note?: string;
  order?: PlacedOrder;
  [field: string]: unknown;
}

export interface PlacedOrder {
  order_id: string;
  total_cents: MinorUnits;
  [field: string]: unknown;
}

/** Server error codes a refused saved cart can carry. */
export type TokenRefusalCode =
  | "token_expired"
  | "token_key_retired"
  | "token_invalid"
  | "token_wrong_restaurant"
  | "token_missing";

export interface TokenRefusalWords {
  reason: "expired" | "key_retired" | "invalid";
  /** For the page. */
  customer: string;
  /** For the model (the tool output's `note`). */
  model: string;
}

export const TOKEN_REFUSALS: Readonly<Record<TokenRefusalCode, TokenRefusalWords>>;

/** A refused request: `code` is the server's error code, or `network_error` / `cart_busy` / `http_error`. */
export class CartClientError extends Error {
  constructor(error: { code?: string; message?: string; [field: string]: unknown }, status: number);
  readonly code: string;
  /** HTTP status; 0 when the server was not reached. */
  readonly status: number;
  readonly details: { code?: string; message?: string; [field: string]: unknown };
}

/** The part of `Storage` the client uses. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of `LockManager` the client uses. */
export interface CartLocks {
  request<T>(name: string, callback: () => Promise<T> | T): Promise<T>;
}

export interface CartClientOptions {
  /** Origin of the cart service; "" for the page's own. */
  baseUrl?: string;
  restaurantId: string;
  /** Defaults to `localStorage`; null, or any storage that throws, keeps the token in memory. */
  storage?: TokenStorage | null;
  fetch?: typeof globalThis.fetch;
  /** Defaults to `navigator.locks`; null turns cross-tab locking off (turns are then re-sent on a moved token). */
  locks?: CartLocks | null;
  /** Defaults to `indexedDB`: the cell whose compare-and-set decides which tab's token is newest; null: localStorage alone. */
  indexedDB?: IDBFactory | null;
  /** How a retry after 502/503/504 waits (milliseconds); defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SavedCart {
  token: string;
  expiresAt: string | null;
  cart?: Cart;
}

export interface CartEventDetail {
  cart: Cart;
  /** "server": this tab's turn; "other-tab": another tab's turn, seen through a `storage` event. */
  source: "server" | "other-tab";
}

export interface CartResetDetail {
  code: TokenRefusalCode | string;
  reason: TokenRefusalWords["reason"];
  /** The customer's wording. */
  message: string;
  serverMessage: string;
}

export interface StorageUnavailableDetail {
  name: string;
  /** The customer's wording. */
  message: string;
}

export interface ToolResultDetail {
  name: string;
  callId: string | undefined;
  ok: boolean;
  output: ToolOutput;
}

export interface CartClientEventMap {
  cart: CustomEvent<CartEventDetail>;
  "cart-reset": CustomEvent<CartResetDetail>;
  "storage-unavailable": CustomEvent<StorageUnavailableDetail>;
  "tool-result": CustomEvent<ToolResultDetail>;
  order: CustomEvent<{ order: PlacedOrder }>;
}

export class CartClient extends TypedEventTarget<CartClientEventMap> {
  constructor(options: CartClientOptions);
  readonly baseUrl: string;
  readonly restaurantId: string;
  readonly storageKey: string;
  /** The cart last shown (this tab's turn or another tab's). */
  cart: Cart | null;
  /** Set once storage failed; the token then lives in memory for the page's life. */
  storageProblem: { name: string; message: string } | null;
  readonly persistent: boolean;
  /** The saved cart as this tab's localStorage shows it now (another tab's newer one may still be on its way). */
  readonly saved: SavedCart | null;
  readonly token: string | null;
  inFlight: number;
  maxInFlight: number;
  /** Turns sent again because another tab moved the cart while they were on the wire. */
  reapplied: number;
  locks: CartLocks | null;

  newCart(): Promise<CartAnswer>;
  /** The saved cart if the server still accepts it, else a fresh one (and a "cart-reset" event). */
  restore(): Promise<CartAnswer>;
  /** Run a voice tool. Rejects with `CartClientError` only when no turn was made. */
  callTool(name: string, args?: Record<string, unknown> | string, callId?: string): Promise<ToolAnswer>;
  /** Drop the saved cart (every tab's). */
  forget(): Promise<void>;
  /** Stop following other tabs. */
  close(): void;
}
