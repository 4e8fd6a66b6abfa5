"""Linked records: what other products own, written against a contact."""
