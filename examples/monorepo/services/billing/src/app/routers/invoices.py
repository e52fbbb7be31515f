import uuid
from datetime import UTC, datetime

import structlog
from fastapi import APIRouter, Query, status
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import require_scope
from app.db.models import Invoice, InvoiceLine
from app.deps import PrincipalDep, SessionDep
from app.errors import AppError
from app.models.invoice import InvoiceCreate, InvoiceOut, InvoicePage

router = APIRouter(prefix="/v1/invoices", tags=["invoices"])
log = structlog.get_logger(__name__)


def _invoice_number(now: datetime) -> str:
    return f"INV-{now:%Y%m}-{uuid.uuid4().hex[:8].upper()}"


@router.get("", response_model=InvoicePage)
async def list_invoices(
    session: SessionDep,
    principal: PrincipalDep,
    customer_id: uuid.UUID | None = None,
    limit: int = Query(20, ge=1, le=100),
    cursor: datetime | None = None,
) -> InvoicePage:
    require_scope(principal, "invoices:read")
    stmt = select(Invoice).order_by(Invoice.created_at.desc()).limit(limit + 1)
    if customer_id is not None:
        stmt = stmt.where(Invoice.customer_id == customer_id)
    if cursor is not None:
        stmt = stmt.where(Invoice.created_at < cursor)
    rows = list((await session.scalars(stmt)).all())
    page = rows[:limit]
    next_cursor = page[-1].created_at if len(rows) > limit else None
    return InvoicePage(data=[InvoiceOut.model_validate(r) for r in page], next_cursor=next_cursor)


@router.post("", response_model=InvoiceOut, status_code=status.HTTP_201_CREATED)
async def create_invoice(body: InvoiceCreate, session: SessionDep, principal: PrincipalDep) -> InvoiceOut:
    require_scope(principal, "invoices:write")
    invoice = Invoice(
        number=_invoice_number(datetime.now(UTC)),
        customer_id=body.customer_id,
        order_id=body.order_id,
        currency=body.currency,
        due_on=body.due_on,
        total_cents=sum(line.quantity * line.unit_price_cents for line in body.lines),
        lines=[InvoiceLine(position=i, **line.model_dump()) for i, line in enumerate(body.lines, start=1)],
    )
    session.add(invoice)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise AppError.conflict("An invoice already exists for this order", {"order_id": str(body.order_id)}) from exc
    await session.refresh(invoice)
    log.info("invoice_created", invoice_id=str(invoice.id), user_id=principal.subject)
    return InvoiceOut.model_validate(invoice)


@router.get("/{invoice_id}", response_model=InvoiceOut)
async def get_invoice(invoice_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> InvoiceOut:
    require_scope(principal, "invoices:read")
    invoice = await session.get(Invoice, invoice_id)
    if invoice is None:
        raise AppError.not_found(f"Invoice {invoice_id}")
    return InvoiceOut.model_validate(invoice)


@router.post("/{invoice_id}/void", response_model=InvoiceOut)
async def void_invoice(invoice_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> InvoiceOut:
    require_scope(principal, "invoices:write")
    invoice = await session.get(Invoice, invoice_id, with_for_update=True)
    if invoice is None:
        raise AppError.not_found(f"Invoice {invoice_id}")
    if invoice.status == "paid":
        raise AppError.conflict("A paid invoice cannot be voided; issue a credit note", {"status": invoice.status})
    if invoice.status != "void":
        invoice.status = "void"
        invoice.voided_at = datetime.now(UTC)
        await session.commit()
        await session.refresh(invoice)
        log.info("invoice_voided", invoice_id=str(invoice.id), user_id=principal.subject)
    return InvoiceOut.model_validate(invoice)
