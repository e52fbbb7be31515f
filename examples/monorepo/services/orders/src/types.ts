// Values the middleware puts on the request context.
export type AppEnv = {
  Variables: {
    traceId: string;
    userId?: string;
    scopes: string[];
  };
};
