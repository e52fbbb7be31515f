import { NextResponse } from 'next/server';

import { sendNewsletter } from '../../../newsletter/actions';

// Vercel Cron calls this every Monday (vercel.json) with the project's CRON_SECRET.
export async function GET(request: Request) {
  if (request.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {
    return NextResponse.json({ error: { code: 'unauthorized', message: 'Unauthorized' } }, { status: 401 });
  }
  const result = await sendNewsletter('This week at the shop', '<p>New arrivals</p>');
  return NextResponse.json(result);
}
