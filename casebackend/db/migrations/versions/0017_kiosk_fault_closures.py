"""kiosk fault closures

A kiosk fault closed on the triage list (fixed, or reported to IT) is kept, one row per
kiosk, so the fault stays off the list until the kiosk's state changes.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 02:10:00
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kiosk_fault_closures',
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('fault', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['staff.id'], name=op.f('fk_kiosk_fault_closures_closed_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_kiosk_fault_closures_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_kiosk_fault_closures'))
    )


def downgrade() -> None:
    op.drop_table('kiosk_fault_closures')
