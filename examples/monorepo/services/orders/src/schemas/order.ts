import { z } from '@hono/zod-openapi';

// The contract: route validation, the OpenAPI document and client types all come from here.

export const Currency = z.enum(['EUR', 'USD', 'GBP']);

export const OrderStatus = z.enum(['pending', 'confirmed', 'cancelled', 'shipped']);

export const OrderItemInput = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().positive().max(1_000),
  unitPriceCents: z.number().int().nonnegative(),
});

export const CreateOrderInput = z
  .object({
    customerId: z.string().uuid(),
    currency: Currency,
    items: z.array(OrderItemInput).min(1).max(100),
  })
  .openapi('CreateOrderInput');

export const OrderItem = OrderItemInput.extend({ id: z.string().uuid() }).openapi('OrderItem');

export const Order = z
  .object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    status: OrderStatus,
    currency: Currency,
    totalCents: z.number().int(),
    items: z.array(OrderItem),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('Order');

export const OrderPage = z
  .object({
    data: z.array(Order),
    nextCursor: z.string().nullable(),
  })
  .openapi('OrderPage');

export const OrderParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b5f8e0c-3f0e-4f4b-9c39-6f2d4c1a7e21' }),
});

export const ListOrdersQuery = z.object({
  customerId: z.string().uuid().optional(),
  status: OrderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().datetime().optional(),
});

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export type CreateOrderInput = z.infer<typeof CreateOrderInput>;
export type Order = z.infer<typeof Order>;
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;
