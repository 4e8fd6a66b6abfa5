"""Signed sessions: who is asking, for which tenant, allowed to do what."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ISSUER = "contacts-graph"
COOKIE_NAME = "contacts_session"
ACTOR_PREFIX = "user:"
# History records the caller as "user:<id>" in columns of 200 characters.
MAX_USER_ID = 200 - len(ACTOR_PREFIX)

PERMISSIONS = (
    "contacts:read",
    "contacts:write",
    "contacts:merge",
    "imports:run",
    "compliance:read",
    "compliance:review",
    "gdpr:erase",
)


class InvalidSession(Exception):
    """The session is missing, expired, forged or malformed."""


@dataclass(frozen=True)
class Viewer:
    """The caller of a request, as its signed session names it."""

    user_id: str
    tenant_id: uuid.UUID
    tenant_slug: str
    permissions: frozenset[str]

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def actor(self) -> str:
        """Return the name history records of this caller."""
        return f"{ACTOR_PREFIX}{self.user_id}"


def issue_token(key: str, viewer: Viewer, *, ttl: timedelta) -> str:
    """Sign a session token for ``viewer`` that expires after ``ttl``."""
    now = datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "sub": viewer.user_id,
        "tid": str(viewer.tenant_id),
        "tsl": viewer.tenant_slug,
        "perms": sorted(viewer.permissions),
        "iat": now,
        "exp": now + ttl,
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def read_token(key: str, token: str) -> Viewer:
    """Verify ``token`` and return the viewer it names.

    Raises:
        InvalidSession: the signature, expiry or claims do not hold, or the
            user id is too long to be recorded in history.
    """
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "iss"]},
        )
        user_id = str(claims["sub"])
        if len(user_id) > MAX_USER_ID:
            raise InvalidSession(
                f"The user id is longer than {MAX_USER_ID} characters."
            )
        return Viewer(
            user_id=user_id,
            tenant_id=uuid.UUID(claims["tid"]),
            tenant_slug=str(claims.get("tsl", "")),
            permissions=frozenset(claims.get("perms", ())),
        )
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as error:
        raise InvalidSession(str(error)) from error
