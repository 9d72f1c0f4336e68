"""The `firststop` command: one entry point that starts each program."""
