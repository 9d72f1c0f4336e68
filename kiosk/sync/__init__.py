"""Background work for the kiosk: sending the outbox, caching the catalogue and sending
heartbeats, in a worker thread so the UI never waits on the network."""

# Import the modules themselves (kiosk.sync.vitals, kiosk.sync.background …): the package
# imports nothing, so taking KioskVitals at start-up does not load the worker's database
# and network libraries before the welcome screen is drawn.
