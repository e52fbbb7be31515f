// Idempotency-Key of POST /v1/items: a client that did not get its answer (a timeout, a
// dropped connection) sends the same request again with the same key and gets the first
// answer back, instead of a second item. The same key with another body is a conflict.
import { createHash } from "node:crypto";
import type { CreateItem, Item } from "../../schemas/items.js";
import { ConflictError, ValidationError } from "../errors/app-error.js";

// How long a key is remembered.
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

const KEY = /^[\x20-\x7e]{1,255}$/; // 1 to 255 printable ASCII characters

export interface IdempotentRequest {
  // Whose key it is: keys of different callers never meet.
  caller: string;
  key: string;
  // requestHash() of the body.
  hash: string;
}

export interface CreateResult {
  item: Item;
  // The answer of an earlier request with the same key, sent again.
  replayed: boolean;
}

// Creates an item and its `item.created` job, once per idempotency key.
export interface ItemCreator {
  create(input: CreateItem, idempotency?: IdempotentRequest): Promise<CreateResult>;
}

export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new ValidationError([{ path: "Idempotency-Key", message: "must be 1 to 255 printable ASCII characters" }]);
  }
  return header;
}

export function keyReusedError(): ConflictError {
  return new ConflictError("this Idempotency-Key was used with a different body", { header: "Idempotency-Key" });
}

// The same body whatever its key order or spacing.
export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
