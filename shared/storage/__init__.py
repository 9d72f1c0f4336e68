"""What every database of the project has in common: column types and SQLite set-up."""
