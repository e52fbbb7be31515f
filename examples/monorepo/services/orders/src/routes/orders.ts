import { createRoute, OpenAPIHono } from '@hono/zod-openapi';

import { db } from '../lib/db/client.js';
import { logger } from '../lib/logger.js';
import { cancelOrder, createOrder, getOrder, listOrders } from '../lib/orders/repository.js';
import { enqueueOrderConfirmation } from '../lib/queue.js';
import { requireScope } from '../middleware/auth.js';
import {
  CreateOrderInput,
  ErrorResponse,
  ListOrdersQuery,
  Order,
  OrderPage,
  OrderParams,
} from '../schemas/order.js';
import type { AppEnv } from '../types.js';

// Mounted under /v1 by app.ts.
export const orders = new OpenAPIHono<AppEnv>();

const errors = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorResponse } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: ErrorResponse } } },
  404: { description: 'Order not found', content: { 'application/json': { schema: ErrorResponse } } },
};

const listRoute = createRoute({
  method: 'get',
  path: '/orders',
  middleware: [requireScope('orders:read')] as const,
  request: { query: ListOrdersQuery },
  responses: {
    200: { description: 'A page of orders, newest first', content: { 'application/json': { schema: OrderPage } } },
    400: errors[400],
    401: errors[401],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/orders/{id}',
  middleware: [requireScope('orders:read')] as const,
  request: { params: OrderParams },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: Order } } },
    ...errors,
  },
});

const createOrderRoute = createRoute({
  method: 'post',
  path: '/orders',
  middleware: [requireScope('orders:write')] as const,
  request: { body: { content: { 'application/json': { schema: CreateOrderInput } }, required: true } },
  responses: {
    201: { description: 'Order created', content: { 'application/json': { schema: Order } } },
    400: errors[400],
    401: errors[401],
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/cancel',
  middleware: [requireScope('orders:write')] as const,
  request: { params: OrderParams },
  responses: {
    200: { description: 'The cancelled order', content: { 'application/json': { schema: Order } } },
    409: { description: 'Order already shipped', content: { 'application/json': { schema: ErrorResponse } } },
    ...errors,
  },
});

orders.openapi(listRoute, async (c) => {
  const page = await listOrders(db, c.req.valid('query'));
  return c.json(page, 200);
});

orders.openapi(getRoute, async (c) => {
  const order = await getOrder(db, c.req.valid('param').id);
  return c.json(order, 200);
});

orders.openapi(createOrderRoute, async (c) => {
  const order = await createOrder(db, c.req.valid('json'));
  await enqueueOrderConfirmation(order);
  logger.info({ order_id: order.id, trace_id: c.get('traceId'), user_id: c.get('userId') }, 'order created');
  return c.json(order, 201);
});

orders.openapi(cancelRoute, async (c) => {
  const order = await cancelOrder(db, c.req.valid('param').id);
  logger.info({ order_id: order.id, trace_id: c.get('traceId'), user_id: c.get('userId') }, 'order cancelled');
  return c.json(order, 200);
});
