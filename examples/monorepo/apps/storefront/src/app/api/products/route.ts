import { NextResponse } from 'next/server';

import { logger } from '../../../lib/logger';

const CATALOG_API_URL = process.env.CATALOG_API_URL ?? 'http://localhost:3002';

// The app's own backend: src/components/ProductList.tsx fetches it, so it is no
// public API and needs no /v1.
export async function GET() {
  try {
    const res = await fetch(`${CATALOG_API_URL}/v1/products`, { next: { revalidate: 60 } });
    return NextResponse.json(await res.json());
  } catch (err) {
    logger.error({ err }, 'catalog unavailable');
    return NextResponse.json(
      { error: { code: 'catalog_unavailable', message: 'Products are unavailable' } },
      { status: 502 },
    );
  }
}
