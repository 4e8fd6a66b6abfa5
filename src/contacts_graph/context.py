"""The per-request GraphQL context: who asks, their database, their loaders."""

from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request

from contacts_graph.auth.sessions import Viewer
from contacts_graph.db.request import RequestDatabase
from contacts_graph.errors import PermissionDenied
from contacts_graph.loaders import Loaders
from contacts_graph.settings import Settings


@dataclass
class Context:
    request: Request
    viewer: Viewer
    db: RequestDatabase
    settings: Settings
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.db, self.viewer.tenant_id)

    def require(self, permission: str) -> None:
        """Raise PermissionDenied unless the session grants ``permission``."""
        if not self.viewer.can(permission):
            raise PermissionDenied(permission)


Info = strawberry.Info[Context, None]
