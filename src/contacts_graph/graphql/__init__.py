"""Pieces of the GraphQL layer that every feature shares."""
