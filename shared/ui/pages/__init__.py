"""The kiosk's pages and overlays around a journey (welcome, services, track, help, idle,
languages), drawn live on the kiosk and read-only in the staff desk's mirror."""
