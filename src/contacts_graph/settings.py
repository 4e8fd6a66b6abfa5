"""Service configuration, read once from ``CONTACTS_*`` environment variables."""

import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONTACTS_", env_file=".env")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL; when unset, an embedded server is started.",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis URL; when unset, limits and caches live in process.",
    )
    data_dir: Path = Field(
        default=Path(".data"),
        description="Folder of the embedded database and the generated secret.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Key that signs sessions; generated into data_dir when unset.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False
    log_level: str = "INFO"
    log_json: bool | None = Field(
        default=None, description="JSON logs; by default only when not on a terminal."
    )

    default_phone_region: str = Field(
        default="US",
        description="Region assumed for phone numbers written without a country code.",
    )
    max_query_depth: int = 12
    max_aliases: int = 30
    max_query_tokens: int = 4000
    max_query_cost: int = Field(
        default=50_000,
        description="Records one operation may ask for: list sizes multiplied "
        "through the nesting.",
    )
    rate_limit: str = Field(
        default="600/minute", description="Requests a tenant may make (limits syntax)."
    )
    bulk_limit: int = 1000
    upload_max_bytes: int = 20 * 1024 * 1024
    max_request_bytes: int = Field(
        default=1024 * 1024,
        description="Largest /graphql request body accepted, in bytes.",
    )
    seed_demo_data: bool = Field(
        default=True,
        description="Load demo contacts at serve when the database is empty.",
    )

    @property
    def embedded_dir(self) -> Path:
        return self.data_dir.resolve() / "postgres"

    def signing_key(self) -> str:
        """Return the session signing key, creating and keeping one if none is set."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key
