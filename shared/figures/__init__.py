"""The council's figures: one report, defined once (docs/figures.md)."""
