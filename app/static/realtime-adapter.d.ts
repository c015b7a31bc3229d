// Types for realtime-adapter.js (hand-written; re-exported by cart-client.d.ts, checked with
// `tsc --noEmit` by tests/voice/test_client_types.py). Event names are OpenAI's Realtime API's.

import type { ToolAnswer } from "./cart-client.js";
import { TypedEventTarget } from "./typed-events.js";

/** What the adapter needs of a cart client (a `CartClient`). */
export interface ToolCaller extends EventTarget {
  callTool(name: string, args?: Record<string, unknown> | string, callId?: string): Promise<ToolAnswer>;
}

/** Where the adapter writes client events: an `RTCDataChannel`, a WebSocket, or a `RecordingChannel`. */
export interface EventChannel {
  send(text: string): void;
}

/** A Realtime server event, as far as the adapter reads it. */
export interface RealtimeServerEvent {
  type: string;
  event_id?: string;
  [field: string]: unknown;
}

/** A client event the adapter sends (always with an `event_id`). */
export type RealtimeClientEvent =
  | {
      event_id: string;
      type: "conversation.item.create";
      item: { type: "function_call_output"; call_id: string; output: string };
    }
  | { event_id: string; type: "response.create" };

export interface RealtimeAdapterEventMap {
  event: CustomEvent<{ event: RealtimeServerEvent }>;
  sent: CustomEvent<{ message: RealtimeClientEvent }>;
  "tool-call": CustomEvent<{ name: string; callId: string; arguments: string }>;
  "response-done": CustomEvent<{ id: string; status: string; details: unknown }>;
  "create-deferred": CustomEvent<{ error: { code?: string; message?: string } }>;
  transcript: CustomEvent<{ role: "user" | "assistant"; text: string }>;
  "model-error": CustomEvent<{ error: { code?: string; message?: string; [field: string]: unknown } }>;
}

export class RealtimeAdapter extends TypedEventTarget<RealtimeAdapterEventMap> {
  constructor(client: ToolCaller, channel: EventChannel);
  readonly client: ToolCaller;
  readonly channel: EventChannel;
  /** Ids of responses created and not yet done. */
  readonly active: Set<string>;
  /** Call ids really sent to the cart. */
  readonly madeCalls: Set<string>;
  /** Calls sent to the cart and not yet answered. */
  readonly running: number;
  /** True when no call runs and no answered call waits for its response.create. */
  readonly idle: boolean;

  /** Feed one server event (the data channel's message data, or the parsed object). */
  handle(raw: string | RealtimeServerEvent): void;
  /** Send a client event; an `event_id` is added. */
  send(message: { type: string; [field: string]: unknown }): RealtimeClientEvent;
  /** Resolves when the adapter is idle. */
  settled(): Promise<void>;
}

export class RecordingChannel implements EventChannel {
  sent: RealtimeClientEvent[];
  send(text: string): void;
}

/** A step of a recorded scenario: a server event, or where the model waits for the client's response.create. */
export type ScriptStep = RealtimeServerEvent | { await: "response.create" };

export function playScript(
  adapter: RealtimeAdapter,
  steps: ScriptStep[],
  options?: { delayMs?: number; timeoutMs?: number }
): Promise<void>;
