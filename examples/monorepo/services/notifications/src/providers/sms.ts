import { config } from '../config.js';
import { postJson } from './http.js';

export type SmsMessage = { to: string; text: string };

type SmsResponse = { message_id: string; segments: number };

export async function sendSms(message: SmsMessage, idempotencyKey: string): Promise<SmsResponse> {
  return postJson<SmsResponse>(
    `${config.SMS_API_URL}/sms`,
    config.SMS_API_KEY,
    { to: message.to, body: message.text, sender: 'ACME' },
    idempotencyKey,
  );
}
