import { NextResponse } from 'next/server';

import { getOrder } from '../../../../lib/orders-api';

// The order page polls this for the order's status.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    return NextResponse.json(await getOrder(id));
  } catch (err) {
    // Leaks: the orders API's internal error text goes to the browser.
    return NextResponse.json(
      { error: { code: 'order_lookup_failed', message: (err as Error).message } },
      { status: 502 },
    );
  }
}
