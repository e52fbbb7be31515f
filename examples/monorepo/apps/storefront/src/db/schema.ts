import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The storefront's own tables: carts before checkout, and the newsletter's list.
// Orders belong to the orders service and are reached through its API.
export const carts = pgTable('carts', {
  id: uuid('id').primaryKey().defaultRandom(),
  customerId: uuid('customer_id').notNull(),
  updatedAt: timestamp('updated_at').notNull().defaultNow(),
});

export const cartItems = pgTable('cart_items', {
  cartId: uuid('cart_id').notNull().references(() => carts.id),
  productId: text('product_id').notNull(),
  quantity: integer('quantity').notNull(),
});

export const newsletterSubscribers = pgTable('newsletter_subscribers', {
  email: text('email').primaryKey(),
  subscribedAt: timestamp('subscribed_at').notNull().defaultNow(),
});
