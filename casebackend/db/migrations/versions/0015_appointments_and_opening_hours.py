"""appointments and opening hours

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 22:35:50.312506
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('appointment_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=64), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('horizon_days', sa.Integer(), nullable=False),
    sa.Column('lead_minutes', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_appointment_offers_location_id_locations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_code'], ['services.code'], name=op.f('fk_appointment_offers_service_code_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_offers')),
    sa.UniqueConstraint('location_id', 'service_code', name=op.f('uq_appointment_offers_location_id_service_code'))
    )
    op.create_table('appointment_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=64), nullable=False),
    sa.Column('starts_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_appointment_slots_location_id_locations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_slots')),
    sa.UniqueConstraint('location_id', 'service_code', 'starts_at', name=op.f('uq_appointment_slots_location_id_service_code_starts_at'))
    )
    op.create_table('hours_exceptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('spans', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_hours_exceptions_location_id_locations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hours_exceptions')),
    sa.UniqueConstraint('location_id', 'day', name=op.f('uq_hours_exceptions_location_id_day'))
    )
    op.create_table('weekly_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=False),
    sa.Column('closes', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_weekly_hours_location_id_locations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_hours'))
    )
    with op.batch_alter_table('weekly_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_weekly_hours_location_id'), ['location_id'], unique=False)

    op.create_table('appointments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=8), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=64), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('booked', 'arrived', 'cancelled', 'no_show', 'seen', name='appointmentstatus', native_enum=False, length=12), nullable=False),
    sa.Column('channel', sa.Enum('kiosk', 'assisted_kiosk', 'face_to_face', 'web', 'phone', 'open311', name='channel', native_enum=False, length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('notify_by', sa.JSON(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('access_needs', sa.JSON(), nullable=False),
    sa.Column('access_note', sa.String(length=200), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('source_kind', sa.Enum('device', 'staff', 'api_key', 'public', 'system', name='actorkind', native_enum=False, length=10), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('page_token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('arrived_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('purged_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_appointments_location_id_locations')),
    sa.ForeignKeyConstraint(['service_code'], ['services.code'], name=op.f('fk_appointments_service_code_services')),
    sa.ForeignKeyConstraint(['slot_id'], ['appointment_slots.id'], name=op.f('fk_appointments_slot_id_appointment_slots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
    sa.UniqueConstraint('reference', name=op.f('uq_appointments_reference'))
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index('ix_appointments_location_starts', ['location_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_starts_at'), ['starts_at'], unique=False)

    with op.batch_alter_table('locations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_on_bank_holidays', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appointment_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_notifications_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_notifications_appointment_id_appointments'), 'appointments', ['appointment_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notifications_appointment_id_appointments'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_notifications_appointment_id'))
        batch_op.drop_column('appointment_id')

    with op.batch_alter_table('locations', schema=None) as batch_op:
        batch_op.drop_column('closed_on_bank_holidays')

    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_starts_at'))
        batch_op.drop_index(batch_op.f('ix_appointments_slot_id'))
        batch_op.drop_index('ix_appointments_location_starts')

    op.drop_table('appointments')
    with op.batch_alter_table('weekly_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_weekly_hours_location_id'))

    op.drop_table('weekly_hours')
    op.drop_table('hours_exceptions')
    op.drop_table('appointment_slots')
    op.drop_table('appointment_offers')
