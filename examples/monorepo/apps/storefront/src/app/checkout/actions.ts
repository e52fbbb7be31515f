'use server';

import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import { createOrder } from '../../lib/orders-api';
import { logger } from '../../lib/logger';

const Checkout = z.object({
  customerId: z.string().uuid(),
  productId: z.string().min(1),
  quantity: z.coerce.number().int().positive(),
});

// A Server Action: the checkout form posts here. Failures go to the log; the browser
// gets a fixed message.
export async function placeOrder(_state: unknown, form: FormData) {
  const input = Checkout.safeParse(Object.fromEntries(form));
  if (!input.success) return { error: { code: 'invalid_input', message: 'Check the form and try again' } };
  try {
    const { customerId, productId, quantity } = input.data;
    const order = await createOrder(customerId, [{ productId, quantity }], randomUUID());
    return { orderId: order.id };
  } catch (err) {
    logger.error({ err }, 'checkout failed');
    return { error: { code: 'checkout_failed', message: 'The order could not be placed' } };
  }
}
