import shutil
from pathlib import Path

import pytest

JS_DIR = Path(__file__).resolve().parents[2] / "js"


@pytest.fixture(scope="session")
def node() -> str:
    """Return the node executable, with the packages of js/ installed."""
    path = shutil.which("node")
    if path is None:
        pytest.fail(
            "node is not on PATH: install Node.js 20 or newer to run the "
            "federation tests",
            pytrace=False,
        )
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail(
            "js/node_modules is missing: run `npm ci --prefix js` "
            "(`make test` does it)",
            pytrace=False,
        )
    return path
