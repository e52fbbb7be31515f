import express from "express";
import { pool } from "./db";

const app = express();

app.get("/v1/orders", async (_req, res) => {
  // svc-expect: local/no-sql-in-handlers "`.query()` in a route handler"
  const { rows } = await pool.query("select id, total_cents from orders");
  res.json(rows);
});

export async function nightly() {
  // svc-ok: local/no-sql-in-handlers
  await pool.query("vacuum analyze orders");
}

export default app;
