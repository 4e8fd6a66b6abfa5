"""Database access: engine, per-request tenant transactions, embedded server."""
