import { randomUUID } from 'node:crypto';

import { Router } from 'express';
import { z } from 'zod';

import { requireCaller } from '../lib/auth.js';
import { AppError } from '../lib/errors.js';
import { sendPush } from '../providers/push.js';
import { sendSms } from '../providers/sms.js';
import { isTemplateId, render, templates } from '../templates.js';

const Params = z.record(z.string().max(200)).default({});

const PushRequest = z.object({
  userId: z.string().min(1),
  deviceTokens: z.array(z.string().min(16)).min(1).max(20),
  template: z.string(),
  params: Params,
});

const SmsRequest = z.object({
  userId: z.string().min(1),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number'),
  template: z.string(),
  params: Params,
});

function templateOr404(id: string) {
  if (!isTemplateId(id)) throw new AppError(404, 'unknown_template', `No template ${id}`);
  return templates[id];
}

// Mounted at /v1/notifications.
export const notificationsRouter = Router();
notificationsRouter.use(requireCaller);

notificationsRouter.post('/push', async (req, res) => {
  const input = PushRequest.parse(req.body);
  const template = templateOr404(input.template);
  const key = req.header('idempotency-key') ?? randomUUID();
  const result = await sendPush(
    {
      deviceTokens: input.deviceTokens,
      title: render(template.title, input.params),
      body: render(template.body, input.params),
      data: { template: input.template },
    },
    key,
  );
  req.log.info({ user_id: input.userId, template: input.template, accepted: result.accepted }, 'push sent');
  res.status(202).json({ id: result.id, accepted: result.accepted, rejected: result.rejected });
});

notificationsRouter.post('/sms', async (req, res) => {
  const input = SmsRequest.parse(req.body);
  const template = templateOr404(input.template);
  const key = req.header('idempotency-key') ?? randomUUID();
  const result = await sendSms({ to: input.phone, text: render(template.sms, input.params) }, key);
  req.log.info({ user_id: input.userId, template: input.template, segments: result.segments }, 'sms sent');
  res.status(202).json({ id: result.message_id, segments: result.segments });
});
