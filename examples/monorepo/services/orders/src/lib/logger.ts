import pino from 'pino';

import { config } from '../config.js';

// One JSON object per line on stdout; the platform ships it to the log store.
export const logger = pino({
  level: config.logLevel,
  base: { service: 'orders' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
  },
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});
