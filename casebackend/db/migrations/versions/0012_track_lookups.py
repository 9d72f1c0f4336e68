"""track lookups

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 20:21:11.301023
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('track_lookups',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('via', sa.String(length=10), nullable=False),
    sa.Column('open_case', sa.Boolean(), nullable=False),
    sa.Column('lookups', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'via', 'open_case', name=op.f('pk_track_lookups'))
    )


def downgrade() -> None:
    op.drop_table('track_lookups')
