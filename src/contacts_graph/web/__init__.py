"""The HTTP edge: the GraphQL endpoint, its checks, and request logging."""
