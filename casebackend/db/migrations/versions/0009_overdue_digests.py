"""the overdue digest: one claim per team and day; messages to a team have no case

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:53:15.906882
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('overdue_digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('overdue', sa.Integer(), nullable=False),
    sa.Column('due_soon', sa.Integer(), nullable=False),
    sa.Column('notification_id', sa.Integer(), nullable=True),
    sa.Column('created_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], name=op.f('fk_overdue_digests_notification_id_notifications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_overdue_digests_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overdue_digests')),
    sa.UniqueConstraint('team_id', 'day', name=op.f('uq_overdue_digests_team_id_day'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('case_id',
               existing_type=sa.INTEGER(),
               nullable=True)


def downgrade() -> None:
    op.drop_table('overdue_digests')
    # Digests to teams have no case: they cannot stay once case_id is required again.
    op.execute("DELETE FROM notifications WHERE case_id IS NULL")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('case_id',
               existing_type=sa.INTEGER(),
               nullable=False)
