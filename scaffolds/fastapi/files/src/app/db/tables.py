"""The tables this service owns. A change here needs a migration in db/migrations."""

from datetime import datetime{{^queue_none}}
from typing import Any{{/queue_none}}
from uuid import UUID

from sqlalchemy import DateTime, Index, String, Text, func, text{{^queue_none}}
from sqlalchemy.dialects.postgresql import JSONB{{/queue_none}}
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ItemRow(Base):
    __tablename__ = "items"
    __table_args__ = (Index("items_created_at_id_idx", "created_at", "id"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, server_default=text("gen_random_uuid()"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The client's Idempotency-Key of the create (unique) and the hash of its body.
    idempotency_key: Mapped[str | None] = mapped_column(Text, unique=True)
    request_hash: Mapped[str | None] = mapped_column(Text){{^queue_none}}


class OutboxRow(Base):
    """Jobs written in the transaction of the change that causes them: the API enqueues
    each after the commit and sets enqueued_at; the worker's sweep (app.jobs.outbox)
    enqueues the rows the API could not (Redis down, a crash in between)."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("outbox_pending_idx", "created_at", postgresql_where=text("enqueued_at IS NULL")),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)  # the job id
    job: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    enqueued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProcessedJobRow(Base):
    """Ids of the jobs the worker has done, so a redelivered job is skipped."""

    __tablename__ = "processed_jobs"

    job_id: Mapped[str] = mapped_column(Text, primary_key=True)
    queue: Mapped[str] = mapped_column(Text)
    processed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    ){{/queue_none}}
