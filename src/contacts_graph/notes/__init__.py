"""Three first-party profile tabs: notes, calls and contact preferences."""
