"""kiosk live link and a closed fault's presence

A kiosk's last time on the live hub's link (``devices.live_seen_at``), so that one that
joined and dropped off before its first heartbeat is a fault on every path, in every
process and after a restart, and one never switched on is not. A closed fault keeps the
hub's presence it was closed against (``kiosk_fault_closures.live_fault``), so that a
restarted process keeps the closing until the kiosk's presence changes. Closings made
before take their fault as that presence (a stuck screen's was most often a kiosk off
the link).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 10:40:00
"""

from alembic import op
import sqlalchemy as sa
import shared.storage.sqlalchemy


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


# Not in batch mode: on SQLite a batch re-makes the table, and dropping ``devices`` then
# (foreign keys on) deletes every row that refers to a kiosk. SQLite adds and (3.35 and
# later) drops a column in place.


def upgrade() -> None:
    op.add_column(
        'devices',
        sa.Column(
            'live_seen_at', shared.storage.sqlalchemy.UTCDateTime(timezone=True), nullable=True
        ),
    )
    op.add_column('kiosk_fault_closures', sa.Column('live_fault', sa.String(length=20), nullable=True))
    op.execute('UPDATE kiosk_fault_closures SET live_fault = fault')


def downgrade() -> None:
    op.drop_column('kiosk_fault_closures', 'live_fault')
    op.drop_column('devices', 'live_seen_at')
