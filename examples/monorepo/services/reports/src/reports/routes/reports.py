import csv
import io
import uuid

from flask import Blueprint, Response, g, request
from sqlalchemy import select

from reports import auth
from reports.auth import require_scope
from reports.db import get_session
from reports.errors import AppError
from reports.models import DailyRevenue, ReportDefinition
from reports.schemas import DateRange, DefinitionIn, DefinitionOut, ReportRow

bp = Blueprint("reports", __name__, url_prefix="/v1/reports")


@bp.before_request
def _authenticate() -> None:
    auth.authenticate()


def _value(row: DailyRevenue, metric: str) -> int:
    if metric == "gross_revenue":
        return row.gross_cents
    if metric == "net_revenue":
        return row.gross_cents - row.refunds_cents
    return row.order_count


def _definition(definition_id: uuid.UUID) -> ReportDefinition:
    definition = get_session().get(ReportDefinition, definition_id)
    if definition is None:
        raise AppError(404, "not_found", f"Report {definition_id} not found")
    return definition


def _rows(definition: ReportDefinition, period: DateRange) -> list[ReportRow]:
    stmt = (
        select(DailyRevenue)
        .where(DailyRevenue.currency == definition.currency)
        .where(DailyRevenue.day.between(period.start, period.end))
        .order_by(DailyRevenue.day)
    )
    return [ReportRow(day=r.day, value=_value(r, definition.metric)) for r in get_session().scalars(stmt)]


@bp.get("/definitions")
def list_definitions():
    require_scope("reports:read")
    stmt = select(ReportDefinition).order_by(ReportDefinition.created_at.desc()).limit(200)
    rows = get_session().scalars(stmt)
    return {"data": [DefinitionOut.model_validate(r).model_dump(mode="json") for r in rows]}


@bp.post("/definitions")
def create_definition():
    require_scope("reports:write")
    body = DefinitionIn.model_validate(request.get_json(force=True))
    session = get_session()
    definition = ReportDefinition(**body.model_dump(), created_by=g.user_id)
    session.add(definition)
    session.commit()
    return DefinitionOut.model_validate(definition).model_dump(mode="json"), 201


@bp.get("/definitions/<uuid:definition_id>/data")
def report_data(definition_id: uuid.UUID):
    require_scope("reports:read")
    definition = _definition(definition_id)
    period = DateRange.model_validate(request.args.to_dict())
    rows = _rows(definition, period)
    return {
        "report": str(definition.id),
        "metric": definition.metric,
        "currency": definition.currency,
        "data": [r.model_dump(mode="json") for r in rows],
    }


@bp.get("/definitions/<uuid:definition_id>/export.csv")
def export_csv(definition_id: uuid.UUID):
    require_scope("reports:read")
    definition = _definition(definition_id)
    period = DateRange.model_validate(request.args.to_dict())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", definition.metric])
    for row in _rows(definition, period):
        writer.writerow([row.day.isoformat(), row.value])
    filename = f"{definition.name.lower().replace(' ', '-')}-{period.start}-{period.end}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
