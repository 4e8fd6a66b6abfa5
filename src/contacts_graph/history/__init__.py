"""The consent history and audit trail tabs: what was recorded about a contact."""
