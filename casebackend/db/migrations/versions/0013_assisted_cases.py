"""assisted cases

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 22:34:41.851745
"""

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('assisted_by_label', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('assisted_by_label')
        batch_op.drop_column('assisted_by_id')
