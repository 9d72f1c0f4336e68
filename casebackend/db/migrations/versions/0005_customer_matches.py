"""customer matches, submitted contact details, retention

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('customer_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('matched_on', sa.Enum('email', 'phone', 'name_postcode', 'account', name='matchedon', native_enum=False, create_constraint=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'rejected', name='matchstatus', native_enum=False, create_constraint=False, length=10), nullable=False),
    sa.Column('created_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_label', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_customer_matches_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_matches_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['staff.id'], name=op.f('fk_customer_matches_decided_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_matches'))
    )
    with op.batch_alter_table('customer_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_matches_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_matches_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_customer_matches_status_created', ['status', 'created_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_contact', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('purged_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('purged_at')
        batch_op.drop_column('submitted_contact')

    with op.batch_alter_table('customer_matches', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_matches_status_created')
        batch_op.drop_index(batch_op.f('ix_customer_matches_customer_id'))
        batch_op.drop_index(batch_op.f('ix_customer_matches_case_id'))

    op.drop_table('customer_matches')
