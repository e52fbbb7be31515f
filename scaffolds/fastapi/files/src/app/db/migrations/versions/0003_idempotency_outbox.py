"""items.idempotency_key{{^queue_none}}, and the outbox of the jobs to enqueue{{/queue_none}}.

Revision ID: 0003
Revises: {{^queue_none}}0002{{/queue_none}}{{#queue_none}}0001{{/queue_none}}
"""

import sqlalchemy as sa
from alembic import op{{^queue_none}}
from sqlalchemy.dialects import postgresql{{/queue_none}}

revision = "0003"
down_revision = "{{^queue_none}}0002{{/queue_none}}{{#queue_none}}0001{{/queue_none}}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("items", sa.Column("idempotency_key", sa.Text(), nullable=True))
    op.add_column("items", sa.Column("request_hash", sa.Text(), nullable=True))
    op.create_unique_constraint("items_idempotency_key_key", "items", ["idempotency_key"]){{^queue_none}}
    op.create_table(
        "outbox",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("job", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "outbox_pending_idx",
        "outbox",
        ["created_at"],
        postgresql_where=sa.text("enqueued_at IS NULL"),
    ){{/queue_none}}


def downgrade() -> None:{{^queue_none}}
    op.drop_index("outbox_pending_idx", table_name="outbox")
    op.drop_table("outbox"){{/queue_none}}
    op.drop_constraint("items_idempotency_key_key", "items", type_="unique")
    op.drop_column("items", "request_hash")
    op.drop_column("items", "idempotency_key")
