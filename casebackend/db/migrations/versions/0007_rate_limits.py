"""rate limits and lockouts, shared by every worker

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 09:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rate_limit_counters',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_counters'))
    )
    with op.batch_alter_table('rate_limit_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limit_counters_expires_at'), ['expires_at'], unique=False)

    op.create_table('lockouts',
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('forget_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'subject', name=op.f('pk_lockouts'))
    )
    with op.batch_alter_table('lockouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lockouts_forget_at'), ['forget_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('lockouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lockouts_forget_at'))

    op.drop_table('lockouts')
    with op.batch_alter_table('rate_limit_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_limit_counters_expires_at'))

    op.drop_table('rate_limit_counters')
