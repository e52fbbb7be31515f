"""Create outbox: jobs written with the change they announce, enqueued after commit.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("topic", sa.String(100), nullable=False),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
    )
    # The sweep reads only the messages not yet enqueued, oldest first.
    op.create_index(
        "outbox_pending_idx",
        "outbox",
        ["created_at"],
        postgresql_where=sa.text("enqueued_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("outbox")
