import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { render, templates } from '../src/templates.js';

test('every template renders without leftover placeholders', async () => {
  const params = JSON.parse(await readFile(new URL('./fixtures/params.json', import.meta.url), 'utf8'));
  for (const [id, t] of Object.entries(templates)) {
    for (const text of [t.title, t.body, t.sms]) {
      assert.doesNotMatch(render(text, params[id]), /\{\{/, `${id}: ${text}`);
    }
  }
});
