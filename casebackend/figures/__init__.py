"""The council's figures over a period and a place (docs/figures.md)."""
