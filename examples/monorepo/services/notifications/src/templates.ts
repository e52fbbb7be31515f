// Message templates, versioned with the code. {{name}} placeholders are filled from `params`.
export const templates = {
  'order-shipped': {
    title: 'Your order is on its way',
    body: 'Order {{orderNumber}} left our warehouse and should arrive by {{eta}}.',
    sms: 'ACME: order {{orderNumber}} has shipped, ETA {{eta}}.',
  },
  'payment-failed': {
    title: 'Payment failed',
    body: 'We could not charge your card for invoice {{invoiceNumber}}. Please update your payment method.',
    sms: 'ACME: payment for invoice {{invoiceNumber}} failed. Update your card in the app.',
  },
  'login-code': {
    title: 'Your sign-in code',
    body: 'Use {{code}} to sign in. It expires in 10 minutes.',
    sms: 'ACME code: {{code}} (expires in 10 min)',
  },
} as const;

export type TemplateId = keyof typeof templates;

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(templates, id);
}

export function render(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => params[key] ?? '');
}
