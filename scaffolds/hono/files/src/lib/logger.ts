// Structured JSON logs on stdout, one object per line; the platform ships them.
import { pino, type Logger, type LevelWithSilent } from "pino";

export function createLogger(level: LevelWithSilent, component = "api"): Logger {
  return pino({
    level,
    base: { service: "{{name}}", component },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: ["headers.authorization", "*.headers.authorization"],
  });
}

export type { Logger };
