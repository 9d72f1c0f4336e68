"""kiosk visits and satisfaction from every channel

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:40:56.423982
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('visits',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('started_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('received_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('service_code', sa.String(length=50), nullable=True),
    sa.Column('outcome', sa.Enum('submitted', 'tracked', 'informed', 'left', 'timed_out', name='visitoutcome', native_enum=False, length=20), nullable=False),
    sa.Column('case_reference', sa.String(length=9), nullable=True),
    sa.Column('help_requested', sa.Boolean(), nullable=False),
    sa.Column('helped', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_visits_device_id_devices'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_visits_location_id_locations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_case_reference'), ['case_reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_ended_at'), ['ended_at'], unique=False)
        batch_op.create_index('ix_visits_location_ended', ['location_id', 'ended_at'], unique=False)

    op.create_table('satisfaction_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.Enum('kiosk', 'assisted_kiosk', 'face_to_face', 'web', 'phone', 'open311', name='channel', native_enum=False, length=20), nullable=False),
    sa.Column('rating', sa.Enum('good', 'average', 'poor', name='rating', native_enum=False, length=10), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('service_code', sa.String(length=50), nullable=True),
    sa.Column('case_reference', sa.String(length=9), nullable=True),
    sa.Column('visit_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_satisfaction_responses_location_id_locations')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_satisfaction_responses_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satisfaction_responses')),
    sa.UniqueConstraint('visit_id', name=op.f('uq_satisfaction_responses_visit_id'))
    )
    with op.batch_alter_table('satisfaction_responses', schema=None) as batch_op:
        batch_op.create_index('ix_satisfaction_at_location', ['at', 'location_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('satisfaction_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_satisfaction_at_location')

    op.drop_table('satisfaction_responses')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_location_ended')
        batch_op.drop_index(batch_op.f('ix_visits_ended_at'))
        batch_op.drop_index(batch_op.f('ix_visits_case_reference'))

    op.drop_table('visits')
