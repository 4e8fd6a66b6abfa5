"""Errors the services raise, and how the API edge reports them.

    ServiceError
    ├── ValidationFailed   input a caller can fix; carries FieldError items and
    │                      becomes a mutation's ``userErrors``
    ├── NotFound           no such record in the caller's tenant (or not visible)
    └── PermissionDenied   the session lacks a permission; a top-level error

Unexpected exceptions are logged once at the edge and reach the client masked,
unless ``CONTACTS_DEBUG`` is on.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field: camelCase ``field``, UPPER_SNAKE ``code``."""

    field: str
    code: str
    message: str


class ServiceError(Exception):
    """Base of the errors services raise on purpose."""


class ValidationFailed(ServiceError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors

    @classmethod
    def one(cls, field: str, code: str, message: str) -> "ValidationFailed":
        return cls([FieldError(field, code, message)])


class NotFound(ServiceError):
    def __init__(self, entity: str, field: str = "id") -> None:
        super().__init__(f"No {entity} with that {field} exists.")
        self.entity = entity
        self.field = field

    def as_field_error(self) -> FieldError:
        return FieldError(self.field, "NOT_FOUND", str(self))


class PermissionDenied(ServiceError):
    def __init__(self, permission: str) -> None:
        super().__init__(f"The session does not grant the {permission} permission.")
        self.permission = permission
