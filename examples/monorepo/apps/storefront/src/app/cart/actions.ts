'use server';

import { z } from 'zod';

import { db } from '../../db/client';
import { cartItems, carts } from '../../db/schema';

const AddToCart = z.object({
  customerId: z.string().uuid(),
  productId: z.string().min(1),
  quantity: z.coerce.number().int().positive(),
});

// Internal CRUD for the app's own pages: what Server Actions are for.
export async function addToCart(_state: unknown, form: FormData) {
  const input = AddToCart.safeParse(Object.fromEntries(form));
  if (!input.success) return { error: { code: 'invalid_input', message: 'Check the form and try again' } };
  const [cart] = await db.insert(carts).values({ customerId: input.data.customerId }).returning();
  await db.insert(cartItems).values({ cartId: cart.id, productId: input.data.productId, quantity: input.data.quantity });
  return { cartId: cart.id };
}
