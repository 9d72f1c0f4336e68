"""Rate limits and lockouts, counted where every worker process and machine sees them."""
