"""What the application builds once and every request shares."""

import inspect
import math
import time

from limits import parse as parse_limit
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from contacts_graph.auth.sessions import COOKIE_NAME, InvalidSession, Viewer, read_token
from contacts_graph.db.engine import create_engine, create_sessionmaker
from contacts_graph.settings import Settings
from contacts_graph.web.errors import error_response


def session_token(request: Request) -> str | None:
    """Return the bearer token of the request, or its session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(COOKIE_NAME)


class Services:
    """What the lifespan builds once and every request shares."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: AsyncEngine = create_engine(settings.database_url or "")
        self.sessionmaker: async_sessionmaker[AsyncSession] = create_sessionmaker(
            self.engine
        )
        self.signing_key = settings.signing_key()
        storage: Storage = (
            RedisStorage(f"async+{settings.redis_url}", key_prefix="contacts-limits")
            if settings.redis_url
            else MemoryStorage()
        )
        self.limiter = MovingWindowRateLimiter(storage)
        self.rate_limit = parse_limit(settings.rate_limit)

    async def close(self) -> None:
        """Release the database pool and the rate limiter's Redis connections."""
        await self.engine.dispose()
        # limits offers no close(); its Redis client would keep its sockets.
        bridge = getattr(self.limiter.storage, "bridge", None)
        client = getattr(bridge, "storage", None)
        if client is not None:
            done = client.connection_pool.disconnect()
            if inspect.isawaitable(done):
                await done

    def authenticate(self, request: Request) -> Viewer:
        token = session_token(request)
        if not token:
            raise InvalidSession(
                "No session: send a bearer token or the session cookie."
            )
        return read_token(self.signing_key, token)

    async def allow(self, viewer: Viewer) -> bool:
        """Count a request against its tenant's limit; False when over it."""
        return await self.limiter.hit(self.rate_limit, _limit_key(viewer))

    async def over_limit(self, viewer: Viewer) -> Response | None:
        """Count a request; return the 429 to send when the tenant is over its limit."""
        if await self.allow(viewer):
            return None
        return error_response(
            "Too many requests for this tenant.",
            "RATE_LIMITED",
            429,
            headers={"Retry-After": str(await self.retry_after(viewer))},
        )

    async def retry_after(self, viewer: Viewer) -> int:
        """Return the seconds until the tenant's window lets a request through."""
        stats = await self.limiter.get_window_stats(self.rate_limit, _limit_key(viewer))
        return max(1, math.ceil(stats.reset_time - time.time()))


def _limit_key(viewer: Viewer) -> str:
    # The tenant id sits in a hash tag so one tenant's keys stay together on
    # one Redis Cluster node.
    return f"{{{viewer.tenant_id}}}"
