"""`flask --app reports.wsgi import-revenue FILE`: the nightly load of daily_revenue."""

import csv
from datetime import date
from pathlib import Path

import click
import structlog
from flask import Flask
from sqlalchemy.dialects.postgresql import insert

from reports.db import get_session
from reports.models import DailyRevenue

log = structlog.get_logger(__name__)


def register_commands(app: Flask) -> None:
    @app.cli.command("import-revenue")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_revenue(path: Path) -> None:
        """Upsert one CSV of (day, currency, gross_cents, refunds_cents, order_count)."""
        with path.open(newline="") as f:
            rows = [
                {
                    "day": date.fromisoformat(r["day"]),
                    "currency": r["currency"],
                    "gross_cents": int(r["gross_cents"]),
                    "refunds_cents": int(r["refunds_cents"]),
                    "order_count": int(r["order_count"]),
                }
                for r in csv.DictReader(f)
            ]
        if not rows:
            log.warning("import_revenue_empty", path=str(path))
            return
        stmt = insert(DailyRevenue).values(rows)
        stmt = stmt.on_conflict_do_update(
            index_elements=[DailyRevenue.day, DailyRevenue.currency],
            set_={c: stmt.excluded[c] for c in ("gross_cents", "refunds_cents", "order_count")},
        )
        session = get_session()
        session.execute(stmt)
        session.commit()
        log.info("import_revenue_done", path=str(path), rows=len(rows))
