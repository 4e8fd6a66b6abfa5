"""GraphiQL served with its own assets, so the IDE works with no internet.

Strawberry's GraphiQL page loads react, react-dom, graphiql, the explorer
plugin and js-cookie from unpkg. The set-up (``make serve``) installs the same
pinned packages from the npm registry and ``js/copy-graphiql-assets.mjs``
copies their files into :data:`ASSETS_DIR` under flat names; this module points
the page at them.
"""

import functools
import html
import logging
import re
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from strawberry.http.ides import get_graphql_ide_html

logger = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).parent / "static" / "graphiql" / "vendor"
ASSETS_PATH = "/graphql/assets"

INSTALL_HINT = (
    "run `make serve`, or `npm ci --prefix js` then "
    "`node js/copy-graphiql-assets.mjs`, and reload"
)

# e.g. https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css
_UNPKG_URL = re.compile(
    r"https://unpkg\.com/(?P<package>(?:@[\w.-]+/)?[\w.-]+)"
    r"@(?P<version>[\w.-]+)/(?P<path>[\w./-]+)"
)
# Subresource integrity and CORS mode only matter for files from another origin.
_CDN_ATTRIBUTE = re.compile(r'\s+(?:crossorigin|integrity)(?:="[^"]*")?(?=[\s>/])')
_LOADING = re.compile(r'(<div id="graphiql"[^>]*>)Loading\.\.\.(</div>)')


class GraphiQLAssetsMissingError(Exception):
    """Some files the GraphiQL page loads are not in :data:`ASSETS_DIR`."""

    def __init__(self, page: str, missing: list[str]) -> None:
        super().__init__(f"GraphiQL assets missing: {', '.join(missing)}")
        self.page = page
        self.missing = missing


def asset_name(package: str, version: str, path: str) -> str:
    """Return the flat file name that the copy script gives a package file."""
    return f"{package.rsplit('/', 1)[-1]}-{version}-{path.rsplit('/', 1)[-1]}"


def graphiql_html() -> str:
    """Return strawberry's GraphiQL page, loading its assets from this service.

    When the assets are not installed, the page says how to install them
    instead of staying blank.
    """
    try:
        return _local_page()
    except GraphiQLAssetsMissingError as error:
        logger.error(
            "graphiql.assets_missing",
            extra={"files": error.missing, "hint": INSTALL_HINT},
        )
        return _with_notice(error.page, error.missing)


def assets_route() -> Mount:
    """Return the route that serves GraphiQL's assets under ``/graphql/assets``."""
    return Mount(ASSETS_PATH, app=_AssetFiles(directory=ASSETS_DIR), name="graphiql")


class _AssetFiles(StaticFiles):
    def __init__(self, directory: Path) -> None:
        # Start without the folder: the page explains how to install it.
        super().__init__(directory=directory, check_dir=False)

    async def check_config(self) -> None:
        # A missing folder means 404s rather than a server error per request.
        if ASSETS_DIR.is_dir():
            await super().check_config()


# functools.cache keeps no result when the call raises, so a page built
# before the assets were installed is not kept.
@functools.cache
def _local_page() -> str:
    page = get_graphql_ide_html("graphiql")
    names: list[str] = []

    def localize(match: re.Match[str]) -> str:
        names.append(asset_name(*match.group("package", "version", "path")))
        return f"{ASSETS_PATH}/{names[-1]}"

    page = _CDN_ATTRIBUTE.sub("", _UNPKG_URL.sub(localize, page))
    missing = [name for name in names if not (ASSETS_DIR / name).is_file()]
    if missing:
        raise GraphiQLAssetsMissingError(page, missing)
    return page


def _with_notice(page: str, missing: list[str]) -> str:
    files = html.escape(", ".join(missing))
    notice = (
        f"GraphiQL's files are missing from this service ({files}): "
        f"{html.escape(INSTALL_HINT)}. If they are installed, js/package.json "
        "pins other versions than strawberry's GraphiQL page asks for."
    )
    return _LOADING.sub(lambda match: match[1] + notice + match[2], page, count=1)
