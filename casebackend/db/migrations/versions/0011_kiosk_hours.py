"""kiosk hours for availability

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 20:17:55.838657
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kiosk_hours',
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('hour', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('beats', sa.Integer(), nullable=False),
    sa.Column('healthy', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_kiosk_hours_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('device_id', 'hour', name=op.f('pk_kiosk_hours'))
    )


def downgrade() -> None:
    op.drop_table('kiosk_hours')
