import { config } from '../config.js';
import { postJson } from './http.js';

export type PushMessage = {
  deviceTokens: string[];
  title: string;
  body: string;
  data?: Record<string, string>;
};

type PushResponse = { id: string; accepted: number; rejected: string[] };

export async function sendPush(message: PushMessage, idempotencyKey: string): Promise<PushResponse> {
  return postJson<PushResponse>(
    `${config.PUSH_API_URL}/messages`,
    config.PUSH_API_KEY,
    {
      tokens: message.deviceTokens,
      notification: { title: message.title, body: message.body },
      data: message.data ?? {},
    },
    idempotencyKey,
  );
}
