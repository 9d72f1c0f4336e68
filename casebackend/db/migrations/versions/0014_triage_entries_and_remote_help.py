"""triage entries and remote help

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 22:35:42.701624
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('triage_entries',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('ticket', sa.String(length=6), nullable=False),
    sa.Column('ticket_day', sa.Date(), nullable=False),
    sa.Column('waiting_since', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('tier', sa.Integer(), nullable=True),
    sa.Column('service_code', sa.String(length=60), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=True),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('appointment_reference', sa.String(length=20), nullable=True),
    sa.Column('for_advisor', sa.Boolean(), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('called_by_id', sa.Integer(), nullable=True),
    sa.Column('called_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('parked_reason', sa.String(length=200), nullable=True),
    sa.Column('handover', sa.JSON(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('sms_sent', sa.Boolean(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('ended_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['staff.id'], name=op.f('fk_triage_entries_assigned_to_id_staff')),
    sa.ForeignKeyConstraint(['called_by_id'], ['staff.id'], name=op.f('fk_triage_entries_called_by_id_staff')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_triage_entries_device_id_devices'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_triage_entries_location_id_locations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_triage_entries')),
    sa.UniqueConstraint('location_id', 'ticket_day', 'ticket', name=op.f('uq_triage_entries_location_id_ticket_day_ticket'))
    )
    with op.batch_alter_table('triage_entries', schema=None) as batch_op:
        batch_op.create_index('ix_triage_entries_open', ['location_id', 'ended_at'], unique=False)

    with op.batch_alter_table('help_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('served_at_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_help_sessions_served_at_id_locations'), 'locations', ['served_at_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('help_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_help_sessions_served_at_id_locations'), type_='foreignkey')
        batch_op.drop_column('served_at_id')

    with op.batch_alter_table('triage_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_triage_entries_open')

    op.drop_table('triage_entries')
