"""CSV exports for the finance team's spreadsheet, added before the API had a version."""

from flask import Blueprint, Response

from reports import auth
from reports.db import get_session
from reports.models import DailyRevenue

bp = Blueprint("exports", __name__, url_prefix="/exports")


@bp.before_request
def _authenticate() -> None:
    auth.authenticate()


@bp.get("/daily-revenue.csv")
def daily_revenue_csv() -> Response:
    rows = get_session().query(DailyRevenue).order_by(DailyRevenue.day).all()
    lines = ["day,gross_cents,refunds_cents,order_count"]
    lines += [f"{r.day},{r.gross_cents},{r.refunds_cents},{r.order_count}" for r in rows]
    return Response("\n".join(lines) + "\n", mimetype="text/csv")
