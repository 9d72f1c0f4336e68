"""appointment idempotency keys

A booking may carry an Idempotency-Key, as a case may: the key, whose it is and the
request's fingerprint are kept on the appointment, one booking per caller and key.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 01:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_scope', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('idempotency_key', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('request_fingerprint', sa.String(length=64), nullable=True))
        batch_op.create_index(
            'ix_appointments_idempotency', ['idempotency_scope', 'idempotency_key'], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index('ix_appointments_idempotency')
        batch_op.drop_column('request_fingerprint')
        batch_op.drop_column('idempotency_key')
        batch_op.drop_column('idempotency_scope')
