"""Nightly revenue rollup into reports' own `daily_revenue` table.

This is the shortcut the playbook warns about: instead of asking the orders and
billing services for their data through their APIs, the job reads their tables
straight from the orders database (see ORDERS_DATABASE_URL in docker-compose.yml).
"""

from datetime import date

from flask import current_app
from sqlalchemy import create_engine, text

from reports.db import get_session

REVENUE_BY_DAY = text(
    """
    SELECT o.created_at::date AS day, sum(i.amount_cents) AS revenue_cents
    FROM orders o
    JOIN invoices i ON i.order_id = o.id
    WHERE o.created_at::date = :day
    GROUP BY 1
    """
)


def roll_up(day: date) -> int:
    settings = current_app.config["SETTINGS"]
    orders_db = create_engine(settings.orders_database_url, pool_pre_ping=True)
    with orders_db.connect() as conn:
        row = conn.execute(REVENUE_BY_DAY, {"day": day}).one_or_none()
    revenue = row.revenue_cents if row else 0
    session = get_session()
    session.execute(
        text("INSERT INTO daily_revenue (day, revenue_cents) VALUES (:day, :rev) "
             "ON CONFLICT (day) DO UPDATE SET revenue_cents = excluded.revenue_cents"),
        {"day": day, "rev": revenue},
    )
    session.commit()
    return revenue
