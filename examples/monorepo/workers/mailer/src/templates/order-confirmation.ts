export type OrderConfirmation = {
  orderId: string;
  customerId: string;
  totalCents: number;
  currency: string;
};

function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function orderConfirmationEmail(job: OrderConfirmation, to: string) {
  const total = money(job.totalCents, job.currency);
  const shortId = job.orderId.slice(0, 8).toUpperCase();
  return {
    to,
    subject: `Order ${shortId} confirmed`,
    text: [
      'Thanks for your order!',
      '',
      `Order: ${shortId}`,
      `Total: ${total}`,
      '',
      'We will email you again when it ships.',
    ].join('\n'),
    html: `<p>Thanks for your order!</p><p>Order <strong>${shortId}</strong><br>Total <strong>${total}</strong></p><p>We will email you again when it ships.</p>`,
  };
}
