"""tracking tokens

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:00:00.000000

Existing cases get no token here: a token is worth something only once the customer holds
it, so such a case is given one when the backend next writes to its customer (a status
change), and its link carries it from then on.
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tracking_token_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('tracking_token_hash')
