"""What a database error says about itself, without quoting any value."""

from sqlalchemy.exc import DBAPIError


def violated_constraint(error: DBAPIError) -> str | None:
    """Return the name of the constraint a database error violated, if any."""
    # SQLAlchemy wraps the driver's error; asyncpg's own exception, its
    # cause, carries the constraint name.
    return getattr(getattr(error.orig, "__cause__", None), "constraint_name", None)
