import { and, desc, eq, inArray, lt } from 'drizzle-orm';

import type { CreateOrderInput, ListOrdersQuery, Order } from '../../schemas/order.js';
import type { Database } from '../db/client.js';
import { orderItems, orders, type OrderItemRow, type OrderRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';

function toOrder(row: OrderRow, items: OrderItemRow[]): Order {
  return {
    id: row.id,
    customerId: row.customerId,
    status: row.status,
    currency: row.currency as Order['currency'],
    totalCents: row.totalCents,
    items: items.map(({ id, sku, quantity, unitPriceCents }) => ({ id, sku, quantity, unitPriceCents })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createOrder(db: Database, input: CreateOrderInput): Promise<Order> {
  const totalCents = input.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({ customerId: input.customerId, currency: input.currency, totalCents })
      .returning();
    if (!row) throw new Error('insert into orders returned no row');
    const items = await tx
      .insert(orderItems)
      .values(input.items.map((item) => ({ ...item, orderId: row.id })))
      .returning();
    return toOrder(row, items);
  });
}

export async function getOrder(db: Database, id: string): Promise<Order> {
  const row = await db.query.orders.findFirst({ where: eq(orders.id, id) });
  if (!row) throw AppError.notFound(`Order ${id}`);
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, id));
  return toOrder(row, items);
}

export async function listOrders(
  db: Database,
  query: ListOrdersQuery,
): Promise<{ data: Order[]; nextCursor: string | null }> {
  const filters = [
    query.customerId ? eq(orders.customerId, query.customerId) : undefined,
    query.status ? eq(orders.status, query.status) : undefined,
    query.cursor ? lt(orders.createdAt, new Date(query.cursor)) : undefined,
  ].filter((f) => f !== undefined);

  const rows = await db
    .select()
    .from(orders)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(orders.createdAt))
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const items = page.length
    ? await db.select().from(orderItems).where(inArray(orderItems.orderId, page.map((r) => r.id)))
    : [];
  const data = page.map((row) => toOrder(row, items.filter((i) => i.orderId === row.id)));
  const last = page.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? last.createdAt.toISOString() : null };
}

export async function cancelOrder(db: Database, id: string): Promise<Order> {
  const current = await getOrder(db, id);
  if (current.status === 'cancelled') return current;
  if (current.status === 'shipped') {
    throw AppError.conflict('A shipped order cannot be cancelled', { status: current.status });
  }
  const [row] = await db
    .update(orders)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(eq(orders.id, id))
    .returning();
  if (!row) throw AppError.notFound(`Order ${id}`);
  return { ...current, status: row.status, updatedAt: row.updatedAt.toISOString() };
}
