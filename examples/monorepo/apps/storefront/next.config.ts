import type { NextConfig } from 'next';

// Deployed on Vercel: the platform runs the route handlers and Server Actions.
const nextConfig: NextConfig = {
  reactStrictMode: true,
};

export default nextConfig;
