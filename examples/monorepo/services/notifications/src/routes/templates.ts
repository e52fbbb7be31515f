import { Router } from 'express';

import { AppError } from '../lib/errors.js';
import { isTemplateId, templates } from '../templates.js';

// Mounted at /v1/templates: lets callers discover template ids and placeholders.
export const templatesRouter = Router();

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string);
}

templatesRouter.get('/', (_req, res) => {
  res.json({
    data: Object.entries(templates).map(([id, t]) => ({
      id,
      params: [...new Set([...placeholders(t.body), ...placeholders(t.sms)])],
    })),
  });
});

templatesRouter.get('/:id', (req, res) => {
  const { id } = req.params;
  if (!isTemplateId(id)) throw new AppError(404, 'unknown_template', `No template ${id}`);
  res.json({ id, ...templates[id] });
});
