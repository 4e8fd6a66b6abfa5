"""The documents tab: metadata of files linked to a contact; the bytes live in the file store."""
