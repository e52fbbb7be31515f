#!/usr/bin/env python3
"""Generate a synthetic monorepo for benchmarking `svc audit`.

The tree looks like a real backend monorepo: TypeScript services (Hono, Express),
Python services (FastAPI, Flask) and Go services (chi, gin), each with route
modules or handler packages, service classes,
ORM schemas/models and tests of varied size (50-400 lines), a manifest, a
Dockerfile (most good, some with the usual mistakes), and some noise: README and
docs pages, JSON fixtures, SVG and binary assets.

The output depends only on the arguments: the same seed gives the same bytes.

    python3 bench/generate_monorepo.py OUT --services 40 --files-per-service 50 --seed 1 --git

Standard library only (Python 3.11+).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

RESOURCES = [
    "users", "accounts", "orders", "invoices", "payments", "refunds", "carts", "products",
    "prices", "shipments", "returns", "coupons", "reviews", "sessions", "tenants", "teams",
    "projects", "tasks", "comments", "files", "webhooks", "subscriptions", "plans", "quotes",
    "tickets", "messages", "devices", "locations", "warehouses", "suppliers", "contracts",
    "payouts", "ledgers", "audits", "reports", "exports", "imports", "alerts", "schedules",
]
DOMAINS = [
    "checkout", "catalog", "identity", "billing", "fulfilment", "support", "search", "pricing",
    "inventory", "ledger", "payouts", "partners", "analytics", "messaging", "media", "risk",
    "onboarding", "loyalty", "scheduling", "compliance",
]
FIELDS = [
    ("name", "string"), ("email", "string"), ("status", "enum"), ("amount_cents", "int"),
    ("currency", "string"), ("quantity", "int"), ("note", "string"), ("external_ref", "string"),
    ("priority", "int"), ("country", "string"), ("starts_at", "date"), ("ends_at", "date"),
    ("is_active", "bool"), ("owner_id", "uuid"), ("parent_id", "uuid"), ("version", "int"),
    ("title", "string"), ("description", "string"), ("score", "int"), ("channel", "string"),
]
WORDS = (
    "the service owns its tables and exposes them through a versioned api clients import "
    "types from the generated schema never from internal code retries are safe because every "
    "job carries an id handlers validate input and return typed errors the health endpoint "
    "pings the database before answering deployments roll one instance at a time and drain "
    "in flight requests on sigterm logs are json with trace ids latency budgets are tracked "
    "per endpoint rate limits apply per user and route"
).split()

KINDS = ["hono", "hono", "hono", "express", "fastapi", "fastapi", "flask", "chi", "gin"]


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.title() for p in rest)


def pascal(snake: str) -> str:
    return "".join(p.title() for p in snake.replace("-", "_").split("_"))


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


@dataclass
class Service:
    index: int
    name: str
    kind: str
    resources: list[str]
    dockerfile: str  # good | single_stage | root | no_healthcheck | shell_cmd | user_root
    health: str  # db | trivial | none
    path: str = ""
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def is_ts(self) -> bool:
        return self.kind in ("hono", "express")

    @property
    def is_go(self) -> bool:
        return self.kind in ("chi", "gin")


class Generator:
    def __init__(self, seed: int, services: int, files_per_service: int) -> None:
        self.rng = random.Random(seed)
        self.n_services = services
        self.files_per_service = files_per_service

    # -- helpers ---------------------------------------------------------------

    def lines_target(self) -> int:
        # Most handler files are short, a few are long: 50-400 lines, mode ~120.
        return int(self.rng.triangular(50, 400, 120))

    def fields(self, k: int | None = None) -> list[tuple[str, str]]:
        return self.rng.sample(FIELDS, k or self.rng.randint(3, 8))

    def sentence(self, n: int) -> str:
        words = [self.rng.choice(WORDS) for _ in range(n)]
        return " ".join(words).capitalize() + "."

    # -- TypeScript ------------------------------------------------------------

    def ts_zod(self, name: str, fields: list[tuple[str, str]]) -> list[str]:
        z = {"string": "z.string().min(1).max(200)", "int": "z.number().int()", "enum":
             "z.enum(['draft', 'active', 'archived'])", "date": "z.string().datetime()",
             "bool": "z.boolean()", "uuid": "z.string().uuid()"}
        out = [f"const {name} = z.object({{"]
        out += [f"  {camel(f)}: {z[t]}," for f, t in fields]
        out += ["});", ""]
        return out

    def ts_route_module(self, svc: Service, resource: str, target: int) -> str:
        R, r = pascal(singular(resource)), camel(singular(resource))
        router = "new Hono()" if svc.kind == "hono" else "Router()"
        lines = [
            "import { z } from 'zod';",
            "import { eq, and, desc } from 'drizzle-orm';",
            "import { Hono } from 'hono';" if svc.kind == "hono" else "import { Router } from 'express';",
            "",
            "import { db } from '../lib/db/client.js';",
            f"import {{ {camel(resource)} }} from '../lib/db/schema.js';",
            "import { AppError } from '../lib/errors.js';",
            "import { logger } from '../lib/logger.js';",
            f"import {{ {R}Service }} from '../services/{singular(resource)}-service.js';",
            "",
            f"export const {camel(resource)}Routes = {router};",
            f"const service = new {R}Service(db);",
            "",
        ]
        fields = self.fields()
        lines += self.ts_zod(f"Create{R}", fields)
        lines += self.ts_zod(f"Update{R}", self.fields(2))
        versioned = self.rng.random() > 0.08
        base = f"/v1/{resource}" if versioned else f"/{resource}"
        verbs = ["get", "post", "patch", "delete", "get", "post"]
        n = 0
        while len(lines) < target:
            verb = verbs[n % len(verbs)]
            suffix = "" if n % 3 == 0 else "/:id" if n % 3 == 1 else f"/:id/{self.rng.choice(['archive', 'restore', 'audit', 'items', 'events'])}"
            path = base + suffix + ("" if n < len(verbs) else f"/v{n}")
            if svc.kind == "hono":
                lines += [
                    f"{camel(resource)}Routes.{verb}('{path}', async (c) => {{",
                    "  const started = performance.now();",
                    f"  const body = {'Create' + R + '.parse(await c.req.json())' if verb in ('post', 'patch') else 'undefined'};",
                    f"  const id = c.req.param('id');",
                    f"  const result = await service.{verb}{R}(id, body);",
                    "  if (!result) {",
                    f"    throw new AppError(404, 'not_found', '{R} not found');",
                    "  }",
                    f"  logger.info({{ {r}_id: id, duration_ms: performance.now() - started }}, '{verb} {resource}');",
                    f"  return c.json(result, {201 if verb == 'post' else 200});",
                    "});",
                    "",
                ]
            else:
                lines += [
                    f"{camel(resource)}Routes.{verb}('{path}', async (req, res) => {{",
                    "  const started = performance.now();",
                    f"  const body = {'Create' + R + '.parse(req.body)' if verb in ('post', 'patch') else 'undefined'};",
                    f"  const result = await service.{verb}{R}(req.params.id, body);",
                    "  if (!result) {",
                    f"    throw new AppError(404, 'not_found', '{R} not found');",
                    "  }",
                    f"  req.log.info({{ {r}_id: req.params.id, duration_ms: performance.now() - started }}, '{verb} {resource}');",
                    f"  res.status({201 if verb == 'post' else 200}).json(result);",
                    "});",
                    "",
                ]
            if self.rng.random() < 0.03:
                lines += [f"console.log('debug {resource}', {n});", ""]
            n += 1
        return "\n".join(lines) + "\n"

    def ts_service_module(self, svc: Service, resource: str, target: int) -> str:
        R, table = pascal(singular(resource)), camel(resource)
        lines = [
            "import { and, desc, eq, sql } from 'drizzle-orm';",
            "",
            "import type { Database } from '../lib/db/client.js';",
            f"import {{ {table} }} from '../lib/db/schema.js';",
            "",
            f"export class {R}Service {{",
            "  constructor(private readonly db: Database) {}",
            "",
        ]
        n = 0
        while len(lines) < target - 1:
            verb = ["get", "post", "patch", "delete", "list", "count"][n % 6]
            suffix = "" if n < 6 else str(n)
            fields = self.fields(3)
            lines += [
                f"  async {verb}{R}{suffix}(id: string | undefined, input?: Record<string, unknown>) {{",
                f"    // {self.sentence(10)}",
                "    if (!id && input === undefined) return null;",
                f"    const rows = await this.db.select().from({table}).where(eq({table}.id, id ?? '')).limit(1);",
                "    const row = rows[0];",
                "    if (!row) return null;",
                "    const patch = {",
            ]
            lines += [f"      {camel(f)}: input?.{camel(f)} ?? row.{camel(f)}," for f, _ in fields]
            lines += [
                "    };",
                f"    await this.db.update({table}).set(patch).where(eq({table}.id, row.id));",
                "    return { ...row, ...patch };",
                "  }",
                "",
            ]
            n += 1
        lines.append("}")
        return "\n".join(lines) + "\n"

    def ts_schema(self, svc: Service) -> str:
        t = {"string": "text", "int": "integer", "enum": "text", "date": "timestamp", "bool": "boolean", "uuid": "uuid"}
        lines = ["import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';", ""]
        for resource in svc.resources:
            lines.append(f"export const {camel(resource)} = pgTable('{resource}', {{")
            lines.append("  id: uuid('id').primaryKey().defaultRandom(),")
            for f, kind in self.fields():
                col = f"{t[kind]}('{f}'" + (", { withTimezone: true })" if kind == "date" else ")")
                lines.append(f"  {camel(f)}: {col}.notNull(),")
            lines.append("  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),")
            lines.append("});")
            lines.append("")
        return "\n".join(lines)

    def ts_index(self, svc: Service) -> str:
        mounts = []
        for resource in svc.resources:
            mounts.append(f"import {{ {camel(resource)}Routes }} from './routes/{resource}.js';")
        if svc.kind == "hono":
            body = [
                "import { serve } from '@hono/node-server';",
                "import { sql } from 'drizzle-orm';",
                "import { Hono } from 'hono';",
                "",
                "import { db, pool } from './lib/db/client.js';",
                "import { logger } from './lib/logger.js';",
                *mounts,
                "",
                "const app = new Hono();",
            ]
            if svc.health == "db":
                body += ["app.get('/health', async (c) => {", "  await db.execute(sql`select 1`);",
                         "  return c.json({ status: 'ok' });", "});"]
            elif svc.health == "trivial":
                body += ["app.get('/health', (c) => c.json({ status: 'ok' }));"]
            body += [f"app.route('/', {camel(r)}Routes);" for r in svc.resources]
            body += [
                "",
                "const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });",
                "process.on('SIGTERM', () => {",
                "  logger.info('shutting down');",
                "  server.close(() => void pool.end());",
                "});",
            ]
        else:
            body = [
                "import express from 'express';",
                "import { pinoHttp } from 'pino-http';",
                "",
                "import { pool } from './lib/db/client.js';",
                "import { logger } from './lib/logger.js';",
                *mounts,
                "",
                "const app = express();",
                "app.use(express.json());",
                "app.use(pinoHttp({ logger }));",
            ]
            if svc.health == "db":
                body += ["app.get('/health', async (_req, res) => {", "  await pool.query('select 1');",
                         "  res.json({ status: 'ok' });", "});"]
            elif svc.health == "trivial":
                body += ["app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));"]
            body += [f"app.use({camel(r)}Routes);" for r in svc.resources]
            body += [
                "",
                "const server = app.listen(Number(process.env.PORT ?? 3000));",
                "process.on('SIGTERM', () => server.close(() => void pool.end()));",
            ]
        return "\n".join(body) + "\n"

    def ts_support(self, svc: Service) -> dict[str, str]:
        return {
            "src/lib/db/client.ts": (
                "import { drizzle } from 'drizzle-orm/node-postgres';\nimport pg from 'pg';\n\n"
                "import * as schema from './schema.js';\n\n"
                "export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });\n"
                "export const db = drizzle(pool, { schema });\nexport type Database = typeof db;\n"
            ),
            "src/lib/logger.ts": (
                f"import pino from 'pino';\n\nexport const logger = pino({{ base: {{ service: '{svc.name}' }} }});\n"
            ),
            "src/lib/errors.ts": (
                "export class AppError extends Error {\n"
                "  constructor(readonly status: number, readonly code: string, message: string) {\n"
                "    super(message);\n  }\n}\n\n"
                "export const errorBody = (code: string, message: string) => ({ error: { code, message } });\n"
            ),
            "tsconfig.json": json.dumps({"compilerOptions": {"target": "ES2023", "module": "NodeNext",
                                          "strict": True, "outDir": "dist", "rootDir": "src"},
                                         "include": ["src"]}, indent=2) + "\n",
        }

    def package_json(self, svc: Service) -> str:
        deps = {"zod": "^3.24.1", "drizzle-orm": "^0.38.3", "pg": "^8.13.1", "pino": "^9.5.0"}
        if svc.kind == "hono":
            deps |= {"hono": "^4.6.14", "@hono/node-server": "^1.13.7"}
        else:
            deps |= {"express": "^5.0.1", "pino-http": "^10.3.0"}
        return json.dumps({
            "name": f"@bench/{svc.name}", "version": f"1.{svc.index % 10}.0", "private": True,
            "type": "module",
            "scripts": {"build": "tsc -p tsconfig.json", "start": "node dist/index.js", "test": "vitest run"},
            "dependencies": dict(sorted(deps.items())),
            "devDependencies": {"typescript": "^5.7.2", "vitest": "^2.1.8", "@types/node": "^22.10.2"},
        }, indent=2) + "\n"

    def ts_test_module(self, resource: str, target: int) -> str:
        lines = [
            "import { describe, expect, it } from 'vitest';",
            "",
            "import { app } from '../src/app.js';",
            "",
            f"describe('{resource}', () => {{",
        ]
        n = 0
        while len(lines) < target - 1:
            f = self.rng.choice(FIELDS)[0]
            lines += [
                f"  it('{self.sentence(6)[:-1].lower()} ({n})', async () => {{",
                f"    const res = await app.request('/v1/{resource}', {{ method: 'POST', body: JSON.stringify({{ {camel(f)}: {n} }}) }});",
                "    expect(res.status).toBeLessThan(500);",
                "    const body = await res.json();",
                f"    expect(body).toHaveProperty('{camel(f)}');",
                "  });",
                "",
            ]
            n += 1
        lines.append("});")
        return "\n".join(lines) + "\n"

    # -- Python ----------------------------------------------------------------

    def py_test_module(self, resource: str, target: int) -> str:
        lines = ["import uuid", "", "import pytest", "", ""]
        n = 0
        while len(lines) < target:
            f = self.rng.choice(FIELDS)[0]
            lines += [
                f"def test_{singular(resource)}_{f}_{n}(client):",
                f'    """{self.sentence(7)}"""',
                f'    res = client.post("/v1/{resource}", json={{"{f}": {n}, "id": str(uuid.uuid4())}})',
                "    assert res.status_code < 500",
                f'    assert "{f}" in res.json()',
                "",
                "",
            ]
            n += 1
        return "\n".join(lines) + "\n"

    def py_router_module(self, svc: Service, resource: str, target: int) -> str:
        R = pascal(singular(resource))
        versioned = self.rng.random() > 0.08
        prefix = f"/v1/{resource}" if versioned else f"/{resource}"
        fields = self.fields()
        if svc.kind == "fastapi":
            lines = [
                "import uuid", "", "from fastapi import APIRouter, HTTPException, status",
                "from pydantic import BaseModel, Field", "from sqlalchemy import select", "",
                "from app.deps import SessionDep", f"from app.db.models import {R}", "",
                f'router = APIRouter(prefix="{prefix}", tags=["{resource}"])', "", "",
                f"class {R}In(BaseModel):",
            ]
            py_t = {"string": "str = Field(min_length=1)", "int": "int = 0", "enum": "str = 'draft'",
                    "date": "str | None = None", "bool": "bool = False", "uuid": "uuid.UUID | None = None"}
            lines += [f"    {f}: {py_t[t]}" for f, t in fields] + ["", ""]
        else:
            lines = [
                "from flask import Blueprint, abort, jsonify, request", "from sqlalchemy import select", "",
                "from app.db import get_session", f"from app.models import {R}", "",
                f'bp = Blueprint("{resource}", __name__, url_prefix="{prefix}")', "", "",
            ]
        n = 0
        while len(lines) < target:
            verb = ["get", "post", "patch", "delete"][n % 4]
            sub = "" if n % 2 == 0 else "/{item_id}" if svc.kind == "fastapi" else "/<uuid:item_id>"
            sub += "" if n < 4 else f"/op{n}"
            if svc.kind == "fastapi":
                lines += [
                    f'@router.{verb}("{sub}")',
                    f"async def {verb}_{singular(resource)}_{n}(session: SessionDep, body: {R}In | None = None) -> dict:",
                    f'    """{self.sentence(8)}"""',
                    f"    rows = (await session.scalars(select({R}).limit(50))).all()",
                    "    if body is None and not rows:",
                    f'        raise HTTPException(status.HTTP_404_NOT_FOUND, "{singular(resource)} not found")',
                    "    total = 0",
                    "    for row in rows:",
                    "        total += len(str(row.id))",
                    '    return {"count": len(rows), "total": total}',
                    "", "",
                ]
            else:
                lines += [
                    f'@bp.{verb}("{sub or "/"}")',
                    f"def {verb}_{singular(resource)}_{n}(item_id=None):",
                    f'    """{self.sentence(8)}"""',
                    "    session = get_session()",
                    f"    rows = session.scalars(select({R}).limit(50)).all()",
                    "    if item_id is not None and not rows:",
                    "        abort(404)",
                    "    payload = request.get_json(silent=True) or {}",
                    '    return jsonify({"count": len(rows), "keys": sorted(payload)})',
                    "", "",
                ]
            if self.rng.random() < 0.03:
                lines += [f'print("debug {resource}", {n})', ""]
            n += 1
        return "\n".join(lines) + "\n"

    def py_models(self, svc: Service) -> str:
        t = {"string": "String(200)", "int": "Integer", "enum": "String(16)", "date": "DateTime(timezone=True)",
             "bool": "Boolean", "uuid": "UUID(as_uuid=True)"}
        lines = [
            "import uuid", "",
            "from sqlalchemy import Boolean, DateTime, Integer, String",
            "from sqlalchemy.dialects.postgresql import UUID",
            "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column", "", "",
            "class Base(DeclarativeBase):", "    pass", "",
        ]
        for resource in svc.resources:
            lines += ["", f"class {pascal(singular(resource))}(Base):", f'    __tablename__ = "{resource}"', "",
                      "    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)"]
            lines += [f"    {f} = mapped_column({t[k]}, nullable=False)" for f, k in self.fields()]
            lines.append("")
        return "\n".join(lines)

    def py_main(self, svc: Service) -> str:
        mods = [f"from app.routers import {r}" for r in svc.resources]
        if svc.kind == "fastapi":
            lines = ["from fastapi import FastAPI", "from sqlalchemy import text", "",
                     "from app.deps import SessionDep", *mods, "", f'app = FastAPI(title="{svc.name}")', ""]
            if svc.health == "db":
                lines += ['@app.get("/health")', "async def health(session: SessionDep) -> dict:",
                          '    await session.execute(text("SELECT 1"))', '    return {"status": "ok"}', ""]
            elif svc.health == "trivial":
                lines += ['@app.get("/health")', "async def health() -> dict:", '    return {"status": "ok"}', ""]
            lines += [f"app.include_router({r}.router)" for r in svc.resources]
        else:
            lines = ["from flask import Flask", "from sqlalchemy import text", "", *mods, "",
                     "app = Flask(__name__)", ""]
            if svc.health == "db":
                lines += ['@app.get("/health")', "def health():", "    from app.db import get_session",
                          '    get_session().execute(text("SELECT 1"))', '    return {"status": "ok"}', ""]
            elif svc.health == "trivial":
                lines += ['@app.get("/health")', "def health():", '    return {"status": "ok"}', ""]
            lines += [f"app.register_blueprint({r}.bp)" for r in svc.resources]
        return "\n".join(lines) + "\n"

    def pyproject(self, svc: Service) -> str:
        deps = ["sqlalchemy>=2.0", "structlog>=24.4", "pydantic>=2.10"]
        deps += (["fastapi>=0.115", "uvicorn[standard]>=0.32", "asyncpg>=0.30"] if svc.kind == "fastapi"
                 else ["flask>=3.1", "gunicorn>=23.0", "psycopg[binary]>=3.2"])
        dep_lines = "\n".join(f'  "{d}",' for d in sorted(deps))
        return (f'[project]\nname = "{svc.name}"\nversion = "0.{svc.index % 10}.0"\nrequires-python = ">=3.12"\n'
                f"dependencies = [\n{dep_lines}\n]\n\n[dependency-groups]\n"
                'dev = ["pytest>=8.3", "testcontainers[postgres]>=4.9"]\n')

    # -- Go --------------------------------------------------------------------

    def go_mod(self, svc: Service) -> str:
        framework = ("github.com/go-chi/chi/v5 v5.1.0" if svc.kind == "chi" else "github.com/gin-gonic/gin v1.10.0")
        return (f"module example.com/platform/{svc.name}\n\ngo 1.23\n\nrequire (\n\t{framework}\n"
                "\tgithub.com/jackc/pgx/v5 v5.7.1\n)\n")

    def go_main(self, svc: Service) -> str:
        chi = svc.kind == "chi"
        lines = ["package main", "", "import (", '\t"context"', '\t"log/slog"', '\t"net/http"', '\t"os"',
                 '\t"os/signal"', '\t"syscall"', '\t"time"', "",
                 '\t"github.com/go-chi/chi/v5"' if chi else '\t"github.com/gin-gonic/gin"',
                 '\t"github.com/jackc/pgx/v5/pgxpool"', "",
                 f'\t"example.com/platform/{svc.name}/internal/handlers"', ")", "",
                 "func main() {", "\tlogger := slog.New(slog.NewJSONHandler(os.Stdout, nil))",
                 '\tpool, err := pgxpool.New(context.Background(), os.Getenv("DATABASE_URL"))',
                 "\tif err != nil {", '\t\tlogger.Error("database", "error", err)', "\t\tos.Exit(1)", "\t}",
                 "\th := handlers.New(pool, logger)"]
        lines += ["\tr := chi.NewRouter()"] if chi else ["\tr := gin.New()"]
        if svc.health != "none":
            ping = "\t\tif err := pool.Ping(req.Context()); err != nil {" if chi else \
                "\t\tif err := pool.Ping(c.Request.Context()); err != nil {"
            if chi:
                lines += ['\tr.Get("/health", func(w http.ResponseWriter, req *http.Request) {']
                lines += ([ping, "\t\t\tw.WriteHeader(http.StatusServiceUnavailable)", "\t\t\treturn", "\t\t}"]
                          if svc.health == "db" else [])
                lines += ['\t\tw.Write([]byte(`{"status":"ok"}`))', "\t})"]
            else:
                lines += ['\tr.GET("/health", func(c *gin.Context) {']
                lines += ([ping, "\t\t\tc.AbortWithStatus(http.StatusServiceUnavailable)", "\t\t\treturn", "\t\t}"]
                          if svc.health == "db" else [])
                lines += ['\t\tc.JSON(http.StatusOK, gin.H{"status": "ok"})', "\t})"]
        lines += [f"\th.Mount{pascal(r)}(r)" for r in svc.resources]
        lines += ['\tsrv := &http.Server{Addr: ":8080", Handler: r}', "\tgo func() {",
                  "\t\tif err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {",
                  '\t\t\tlogger.Error("server", "error", err)', "\t\t\tos.Exit(1)", "\t\t}", "\t}()",
                  "\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)",
                  "\tdefer stop()", "\t<-ctx.Done()",
                  "\tshutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)",
                  "\tdefer cancel()", "\t_ = srv.Shutdown(shutdown)", "}"]
        return "\n".join(lines) + "\n"

    def go_handlers(self, svc: Service) -> str:
        return "\n".join([
            "package handlers", "", "import (", '\t"log/slog"', "", '\t"github.com/jackc/pgx/v5/pgxpool"', ")", "",
            "// Handlers serve the service's resources from its own database.",
            "type Handlers struct {", "\tdb     *pgxpool.Pool", "\tlogger *slog.Logger", "}", "",
            "func New(db *pgxpool.Pool, logger *slog.Logger) *Handlers {",
            "\treturn &Handlers{db: db, logger: logger}", "}", ""])

    def go_handler_module(self, svc: Service, resource: str, target: int) -> str:
        chi = svc.kind == "chi"
        R = pascal(resource)
        fields = self.fields()
        cols = ", ".join(f for f, _ in fields)
        lines = ["package handlers", "", "import (", '\t"encoding/json"', '\t"net/http"', "",
                 '\t"github.com/go-chi/chi/v5"' if chi else '\t"github.com/gin-gonic/gin"', ")", ""]
        versioned = self.rng.random() > 0.08
        base = f"/v1/{resource}" if versioned else f"/{resource}"
        verbs = ["Get", "Post", "Patch", "Delete"] if chi else ["GET", "POST", "PATCH", "DELETE"]
        mount, handlers = [f"func (h *Handlers) Mount{R}(r {'chi.Router' if chi else '*gin.Engine'}) {{"], []
        if chi:
            mount.append(f'\tr.Route("{base}", func(r chi.Router) {{')
        else:
            mount.append(f'\tg := r.Group("{base}")')
        n = 0
        while len(lines) + len(mount) + len(handlers) < target:
            verb = verbs[n % len(verbs)]
            suffix = "" if n % 2 == 0 else f"/{{id}}/part{n}" if chi else f"/:id/part{n}"
            name = f"{verb.capitalize()}{R}{n}"
            mount.append(f'\t\tr.{verb}("{suffix or "/"}", h.{name})' if chi else f'\tg.{verb}("{suffix}", h.{name})')
            if chi:
                handlers += [f"func (h *Handlers) {name}(w http.ResponseWriter, req *http.Request) {{",
                             f'\trows, err := h.db.Query(req.Context(), "SELECT id, {cols} FROM {resource} WHERE id = $1", chi.URLParam(req, "id"))',
                             "\tif err != nil {",
                             f'\t\th.logger.Error("{verb.lower()} {resource}", "error", err)',
                             "\t\tw.WriteHeader(http.StatusInternalServerError)",
                             '\t\tjson.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": "internal", "message": "internal error"}})',
                             "\t\treturn", "\t}", "\tdefer rows.Close()",
                             '\tjson.NewEncoder(w).Encode(map[string]any{"ok": true})', "}", ""]
            else:
                handlers += [f"func (h *Handlers) {name}(c *gin.Context) {{",
                             f'\trows, err := h.db.Query(c.Request.Context(), "SELECT id, {cols} FROM {resource} WHERE id = $1", c.Param("id"))',
                             "\tif err != nil {",
                             f'\t\th.logger.Error("{verb.lower()} {resource}", "error", err)',
                             '\t\tc.JSON(http.StatusInternalServerError, gin.H{"error": gin.H{"code": "internal", "message": "internal error"}})',
                             "\t\treturn", "\t}", "\tdefer rows.Close()", '\tc.JSON(http.StatusOK, gin.H{"ok": true})', "}", ""]
            n += 1
        if chi:
            mount.append("\t})")
        mount += ["}", ""]
        return "\n".join(lines + mount + handlers) + "\n"

    def go_migration(self, svc: Service) -> str:
        t = {"string": "text", "int": "integer", "enum": "text", "date": "timestamptz", "bool": "boolean", "uuid": "uuid"}
        out = []
        for resource in svc.resources:
            cols = ",\n".join(f"  {f} {t[k]} NOT NULL" for f, k in self.fields())
            out.append(f"CREATE TABLE {resource} (\n  id uuid PRIMARY KEY,\n{cols}\n);\n")
        return "\n".join(out)

    def go_test_module(self, resource: str, target: int) -> str:
        lines = ["package handlers", "", 'import "testing"', ""]
        n = 0
        while len(lines) < target:
            lines += [f"func Test{pascal(resource)}{n}(t *testing.T) {{", f'\tif "{resource}" == "" {{',
                      '\t\tt.Fatal("empty")', "\t}", "}", ""]
            n += 1
        return "\n".join(lines) + "\n"

    # -- Dockerfiles -----------------------------------------------------------

    def dockerfile(self, svc: Service) -> str:
        if svc.is_go:
            return self.go_dockerfile(svc)
        node = svc.is_ts
        base = "node:22-slim" if node else "python:3.12-slim"
        port = 3000 if node else 8000
        cmd = '["node", "dist/index.js"]' if node else (
            '["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]' if svc.kind == "fastapi"
            else '["gunicorn", "-b", "0.0.0.0:8000", "app.main:app"]')
        build = (["COPY package*.json ./", "RUN npm ci", "COPY . .", "RUN npm run build && npm prune --omit=dev"]
                 if node else ["RUN python -m venv /opt/venv", 'ENV PATH="/opt/venv/bin:$PATH"',
                               "COPY pyproject.toml ./", "COPY src ./src", "RUN pip install --no-cache-dir ."])
        copy = (["COPY --from=build /app/node_modules ./node_modules", "COPY --from=build /app/dist ./dist"]
                if node else ["COPY --from=build /opt/venv /opt/venv", 'ENV PATH="/opt/venv/bin:$PATH"'])
        user = "node" if node else "app"
        add_user = [] if node else ["RUN useradd --system --uid 10001 app"]
        health = (f"HEALTHCHECK --interval=30s CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:{port}/health')"
                  ".then((r) => process.exit(r.ok ? 0 : 1))\"]" if node else
                  "HEALTHCHECK --interval=30s CMD [\"python\", \"-c\", \"import urllib.request; "
                  f"urllib.request.urlopen('http://127.0.0.1:{port}/health')\"]")
        kind = svc.dockerfile
        if kind == "single_stage":
            lines = [f"FROM {base}", "WORKDIR /app", *build, f"EXPOSE {port}",
                     "CMD npm start" if node else f"CMD {cmd}"]
        else:
            lines = [f"FROM {base} AS build", "WORKDIR /app", *build, "", f"FROM {base} AS runtime", "WORKDIR /app",
                     *add_user, *copy]
            if kind != "root":
                lines.append(f"USER {user}")
            if kind == "user_root":
                lines.append("USER root")
            lines.append(f"EXPOSE {port}")
            if kind != "no_healthcheck":
                lines.append(health)
            lines.append("CMD node dist/index.js" if kind == "shell_cmd" and node else f"CMD {cmd}")
        return "\n".join(lines) + "\n"

    def go_dockerfile(self, svc: Service) -> str:
        kind = svc.dockerfile
        build = ["FROM golang:1.23 AS build", "WORKDIR /src", "COPY go.mod go.sum ./", "RUN go mod download",
                 "COPY . .", "RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server"]
        if kind == "single_stage":
            return "\n".join(build[:-1] + ["RUN go build -o /server ./cmd/server", "EXPOSE 8080",
                                           'CMD ["/server"]']) + "\n"
        lines = build + ["", "FROM gcr.io/distroless/static-debian12" + ("" if kind == "root" else ":nonroot"),
                         "COPY --from=build /out/server /server"]
        if kind == "user_root":
            lines.append("USER root")
        lines.append("EXPOSE 8080")
        if kind != "no_healthcheck":
            lines.append('HEALTHCHECK --interval=30s CMD ["/server", "-healthcheck"]')
        lines.append("CMD /server" if kind == "shell_cmd" else 'CMD ["/server"]')
        return "\n".join(lines) + "\n"

    # -- noise -----------------------------------------------------------------

    def markdown(self, title: str) -> str:
        parts = [f"# {title}", ""]
        for _ in range(self.rng.randint(3, 12)):
            parts += [" ".join(self.sentence(self.rng.randint(8, 20)) for _ in range(self.rng.randint(2, 6))), ""]
            if self.rng.random() < 0.3:
                parts += ["```sh", f"curl -s localhost:3000/v1/{self.rng.choice(RESOURCES)} | jq .", "```", ""]
        return "\n".join(parts)

    def fixture_json(self) -> str:
        items = [{camel(f): (self.rng.randint(0, 10_000) if t == "int" else f"{f}-{i}") for f, t in self.fields()}
                 for i in range(self.rng.randint(5, 60))]
        return json.dumps({"data": items}, indent=2) + "\n"

    def binary_asset(self) -> bytes:
        size = self.rng.randint(2_000, 60_000)
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + self.rng.randbytes(size)

    def svg(self) -> str:
        shapes = "".join(f'<circle cx="{self.rng.randint(0, 64)}" cy="{self.rng.randint(0, 64)}" r="{self.rng.randint(2, 20)}"/>'
                         for _ in range(self.rng.randint(3, 30)))
        return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{shapes}</svg>\n'

    # -- services --------------------------------------------------------------

    def make_service(self, i: int) -> Service:
        rng = self.rng
        kind = rng.choice(KINDS)
        resources = sorted(rng.sample(RESOURCES, rng.randint(2, 5)))
        name = f"{rng.choice(DOMAINS)}-{i:03d}"
        dockerfile = rng.choices(["good", "single_stage", "root", "no_healthcheck", "shell_cmd", "user_root"],
                                 weights=[60, 8, 8, 8, 8, 8])[0]
        health = rng.choices(["db", "trivial", "none"], weights=[70, 20, 10])[0]
        group = "services" if rng.random() < 0.85 else "apps"
        svc = Service(i, name, kind, resources, dockerfile, health, path=f"{group}/{name}")
        self.fill_service(svc)
        return svc

    def fill_service(self, svc: Service) -> None:
        files: dict[str, str | bytes] = {"Dockerfile": self.dockerfile(svc), "README.md": self.markdown(svc.name)}
        if svc.is_go:
            files["go.mod"] = self.go_mod(svc)
            files["cmd/server/main.go"] = self.go_main(svc)
            files["internal/handlers/handlers.go"] = self.go_handlers(svc)
            files["migrations/001_init.up.sql"] = self.go_migration(svc)
            files["migrations/001_init.down.sql"] = "".join(f"DROP TABLE {r};\n" for r in svc.resources)
        elif svc.is_ts:
            files["package.json"] = self.package_json(svc)
            files["src/index.ts"] = self.ts_index(svc)
            files["src/lib/db/schema.ts"] = self.ts_schema(svc)
            files.update(self.ts_support(svc))
        else:
            files["pyproject.toml"] = self.pyproject(svc)
            files["src/app/__init__.py"] = ""
            files["src/app/routers/__init__.py"] = ""
            files["src/app/main.py"] = self.py_main(svc)
            files["src/app/db/models.py"] = self.py_models(svc)
            files["src/app/deps.py"] = (
                "from typing import Annotated\n\nfrom fastapi import Depends\n"
                "from sqlalchemy.ext.asyncio import AsyncSession\n\nfrom app.db.session import get_session\n\n"
                "SessionDep = Annotated[AsyncSession, Depends(get_session)]\n") if svc.kind == "fastapi" else (
                "from flask import g\n\n\ndef current_user_id():\n    return g.get('user_id')\n")
        for r in svc.resources:
            if svc.is_go:
                files[f"internal/handlers/{r}.go"] = self.go_handler_module(svc, r, self.lines_target())
                continue
            files[f"src/routes/{r}.ts" if svc.is_ts else f"src/app/routers/{r}.py"] = (
                self.ts_route_module(svc, r, self.lines_target()) if svc.is_ts
                else self.py_router_module(svc, r, self.lines_target()))

        # Fill up to files-per-service: mostly code, some docs, fixtures and assets.
        n = 0
        while len(files) < self.files_per_service:
            n += 1
            roll = self.rng.random()
            r = self.rng.choice(svc.resources)
            if roll < 0.55:
                if svc.is_go:
                    files[f"internal/handlers/{r}_{n}.go"] = self.go_handler_module(svc, r, self.lines_target()) \
                        .replace(f"Mount{pascal(r)}(", f"Mount{pascal(r)}{n}(")
                elif svc.is_ts:
                    files[f"src/services/{singular(r)}-service{'' if n == 1 else f'-{n}'}.ts"] = \
                        self.ts_service_module(svc, r, self.lines_target())
                else:
                    files[f"src/app/routers/{r}_{n}.py"] = self.py_router_module(svc, r, self.lines_target())
            elif roll < 0.72:
                if svc.is_go:
                    files[f"internal/handlers/{r}_{n}_test.go"] = self.go_test_module(r, self.lines_target() // 2)
                elif svc.is_ts:
                    files[f"tests/{r}-{n}.test.ts"] = self.ts_test_module(r, self.lines_target() // 2)
                else:
                    files[f"tests/test_{r}_{n}.py"] = self.py_test_module(r, self.lines_target() // 2)
            elif roll < 0.82:
                files[f"docs/{r}-{n}.md"] = self.markdown(f"{r} notes {n}")
            elif roll < 0.92:
                files[f"tests/fixtures/{r}-{n}.json"] = self.fixture_json()
            elif roll < 0.97:
                files[f"assets/{r}-{n}.svg"] = self.svg()
            else:
                files[f"assets/{r}-{n}.png"] = self.binary_asset()
        svc.files = {k: (v if isinstance(v, bytes) else v.encode()) for k, v in files.items()}

    def root_files(self, services: list[Service]) -> dict[str, bytes]:
        ts = [s.path for s in services if s.is_ts]
        return {
            "README.md": self.markdown("Platform monorepo").encode(),
            ".gitignore": b"node_modules/\ndist/\n.venv/\n__pycache__/\n",
            "package.json": (json.dumps({"name": "platform", "private": True, "workspaces": ts,
                                         "devDependencies": {"typescript": "^5.7.2"}}, indent=2) + "\n").encode(),
            "docs/architecture.md": self.markdown("Architecture").encode(),
            # Each service has a database of its own, as the playbook asks: services
            # that name a table alike (`users`, `events`) each own their copy.
            "docker-compose.yml": "\n".join(
                ["services:", "  postgres:", "    image: postgres:16-alpine", ""]
                + [line for svc in services for line in (
                    f"  {svc.name}:", f"    build: ./{svc.path}", "    environment:",
                    f"      DATABASE_URL: postgres://app:app@postgres:5432/{svc.name.replace('-', '_')}", "")]
            ).encode(),
        }

    def generate(self) -> tuple[list[Service], dict[str, bytes]]:
        services = [self.make_service(i) for i in range(self.n_services)]
        return services, self.root_files(services)


def add_cross_service_shape(services: list[Service], root_files: dict[str, bytes]) -> None:
    """The cross-service shape: services come in groups of four; each owns an events
    table and JOINs it with the events tables of two others of its group in raw SQL.
    Even groups are carved out of one monolith and still share its database (the JOINs
    reach: db-cross-service-access and db-shared-database fire); odd groups each have a
    database of their own (the same SQL cannot reach another service's table: silent)."""
    table = lambda svc: svc.name.replace("-", "_") + "_events"  # noqa: E731
    compose = ["services:", "  postgres:", "    image: postgres:16-alpine", ""]
    for i, svc in enumerate(services):
        group = services[i - i % 4:i - i % 4 + 4]
        k = group.index(svc)
        a, b = group[(k + 1) % len(group)], group[(k + 2) % len(group)]
        query = (f"SELECT x.id, y.id FROM {table(a)} x JOIN {table(b)} y ON y.id = x.id "
                 f"JOIN {table(svc)} z ON z.id = x.id")
        if svc.is_go:
            svc.files["migrations/002_events.up.sql"] = f"CREATE TABLE {table(svc)} (id text PRIMARY KEY);\n".encode()
            svc.files["internal/handlers/cross_reads.go"] = (
                f'package handlers\n\nconst crossRead = "{query}"\n').encode()
        elif svc.is_ts:
            svc.files["src/lib/db/events.ts"] = (
                "import { pgTable, text } from 'drizzle-orm/pg-core';\n\n"
                f"export const events = pgTable('{table(svc)}', {{ id: text('id').primaryKey() }});\n").encode()
            svc.files["src/lib/db/cross_reads.ts"] = f'export const CROSS_READ = "{query}";\n'.encode()
        else:
            svc.files["src/app/db/events.py"] = (
                "from sqlalchemy import String\nfrom sqlalchemy.orm import Mapped, mapped_column\n\n"
                "from app.db.models import Base\n\n\nclass Event(Base):\n"
                f'    __tablename__ = "{table(svc)}"\n    id: Mapped[str] = mapped_column(String, primary_key=True)\n'
            ).encode()
            svc.files["src/app/db/cross_reads.py"] = f'CROSS_READ = "{query}"\n'.encode()
        db = f"monolith_{i // 4}" if (i // 4) % 2 == 0 else svc.name.replace("-", "_")
        compose += [f"  {svc.name}:", f"    build: ./{svc.path}", "    environment:",
                    f"      DATABASE_URL: postgres://app:app@postgres:5432/{db}", ""]
    root_files["docker-compose.yml"] = "\n".join(compose).encode()


def write_tree(out: Path, services: list[Service], root_files: dict[str, bytes]) -> int:
    count = 0
    for rel, data in root_files.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        count += 1
    for svc in services:
        for rel, data in svc.files.items():
            p = out / svc.path / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            count += 1
    return count


def git_commit(out: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid",
               GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
    run = lambda *args: subprocess.run(["git", "-C", str(out), *args], check=True, env=env,  # noqa: E731
                                       stdout=subprocess.DEVNULL)
    run("init", "-q", "-b", "main")
    run("add", "-A")
    run("commit", "-q", "--no-gpg-sign", "-m", "synthetic monorepo")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="directory to create (must not exist unless --force)")
    ap.add_argument("--services", type=int, default=40)
    ap.add_argument("--files-per-service", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--git", action="store_true", help="git init and commit the tree (exercises the git file listing)")
    ap.add_argument("--force", action="store_true", help="replace OUT if it exists")
    ap.add_argument("--shape", choices=["default", "cross-service"], default="default",
                    help="cross-service: add owned tables, raw-SQL reads across owners and a compose file")
    args = ap.parse_args(argv)
    if args.services < 1 or args.files_per_service < 12:
        ap.error("need --services >= 1 and --files-per-service >= 12")
    if args.out.exists():
        if not args.force:
            ap.error(f"{args.out} exists (use --force to replace it)")
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)

    services, root_files = Generator(args.seed, args.services, args.files_per_service).generate()
    if args.shape == "cross-service":
        add_cross_service_shape(services, root_files)
    count = write_tree(args.out, services, root_files)
    if args.git:
        git_commit(args.out)
    size = sum(len(d) for s in services for d in s.files.values()) + sum(len(d) for d in root_files.values())
    print(f"{args.out}: {count} files, {len(services)} services, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
