"""indexes for the figures over millions of status changes (docs/performance.md)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:04:24.222141
"""

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_status_changes', schema=None) as batch_op:
        batch_op.create_index('ix_case_status_changes_case_status_at', ['case_id', 'status', 'at'], unique=False)
        batch_op.create_index('ix_case_status_changes_status_at_case', ['status', 'at', 'case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_case_status_changes_status_at_case')
        batch_op.drop_index('ix_case_status_changes_case_status_at')
