"""The first-party role tabs: tenancies, properties, investments, employment."""
