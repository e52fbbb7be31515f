'use client';

import { useEffect, useState } from 'react';

export function OrderStatus({ id }: { id: string }) {
  const [status, setStatus] = useState('pending');
  useEffect(() => {
    const timer = setInterval(async () => {
      const res = await fetch(`/api/orders/${id}`);
      if (res.ok) setStatus((await res.json()).status);
    }, 5000);
    return () => clearInterval(timer);
  }, [id]);
  return <p>Order {id}: {status}</p>;
}
