"""An Apollo Gateway joins the sample products' fields onto real contacts.

The contacts service runs as ``contacts-graph serve`` on the test database
with demo data; ``js/gateway.mjs`` starts the Deals, Ops and Inbox samples and
a gateway over the four subgraphs. Both listen on 127.0.0.1 only.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GATEWAY_SCRIPT = REPO_ROOT / "js" / "gateway.mjs"
# A tenant of its own: serve loads the demo data into it while it is empty.
TENANT = "federation-gateway"
STARTUP_TIMEOUT = 90.0
OPS_ROLES = {"GUEST", "TENANT", "OWNER", "VENDOR", "CONTRACTOR", "EMPLOYEE", "PATIENT"}

CONTACTS_WITH_PRODUCT_FIELDS = """
query ContactsWithProductFields {
  contacts(first: 5) {
    edges {
      node {
        id
        displayName
        email
        role
        deals { title contact { id } }
        inspections { id }
        tenancyStatus
        threads { subject }
      }
    }
  }
}
"""

INBOX_CONTACTS = """
query InboxContacts($email: String!) {
  inboxContacts(email: $email) { id displayName }
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Service(NamedTuple):
    url: str
    log: Path


def log_tails(*logs: Path, lines: int = 30) -> str:
    tails = []
    for log in logs:
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        tails.append(f"--- {log.name}\n" + "\n".join(tail))
    return "\n".join(tails)


@contextmanager
def running(
    args: list[str], *, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a process with its output in ``log``; stop it when the block ends."""
    with (
        log.open("wb") as output,
        subprocess.Popen(
            args, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=REPO_ROOT
        ) as process,
    ):
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def fail_if_exited(process: subprocess.Popen[bytes], name: str, *logs: Path) -> None:
    if process.poll() is not None:
        pytest.fail(
            f"{name} exited with {process.returncode}:\n{log_tails(*logs)}",
            pytrace=False,
        )


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        fail_if_exited(process, "contacts-graph serve", log)
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    pytest.fail(f"{url} not ready in {STARTUP_TIMEOUT}s:\n{log_tails(log)}")


def json_lines(log: Path) -> Iterator[dict[str, Any]]:
    for line in log.read_text(errors="replace").splitlines():
        try:
            printed = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(printed, dict):
            yield printed


def wait_for_event(
    event: str, process: subprocess.Popen[bytes], log: Path, *other_logs: Path
) -> dict[str, Any]:
    """Return the JSON line ``{"event": event, ...}`` once the process prints it."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        for printed in json_lines(log):
            if printed.get("event") == event:
                return printed
        fail_if_exited(process, "js/gateway.mjs", log, *other_logs)
        time.sleep(0.25)
    pytest.fail(f"no {event} in {STARTUP_TIMEOUT}s:\n{log_tails(log, *other_logs)}")


@pytest.fixture(scope="module")
def service_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "CONTACTS_DATABASE_URL": database_url,
        "CONTACTS_SECRET_KEY": secrets.token_urlsafe(32),
        "CONTACTS_SEED_DEMO_DATA": "true",
    }


@pytest.fixture(scope="module")
def contacts(
    service_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    port = free_port()
    log = tmp_path_factory.mktemp("contacts") / "serve.log"
    args = [sys.executable, "-m", "contacts_graph.cli", "serve", "--tenant", TENANT]
    args += ["--host", "127.0.0.1", "--port", str(port)]

    with running(args, env=service_env, log=log) as process:
        wait_until_ready(f"http://127.0.0.1:{port}/readyz", process, log)
        yield Service(f"http://127.0.0.1:{port}/graphql", log)


@pytest.fixture(scope="module")
def token(service_env: dict[str, str], contacts: Service) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "contacts_graph.cli", "token", "--tenant", TENANT],
        env=service_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.split()[-1]


@pytest.fixture(scope="module")
def gateway_url(
    node: str, contacts: Service, token: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    log = tmp_path_factory.mktemp("gateway") / "gateway.log"
    args = [node, str(GATEWAY_SCRIPT), "--contacts-url", contacts.url]
    # The token only lets the gateway read the contacts SDL at start.
    args += ["--contacts-token", token, "--host", "127.0.0.1", "--port", "0"]

    with running(args, env=dict(os.environ), log=log) as process:
        yield wait_for_event("gateway.ready", process, log, contacts.log)["url"]


def post(url: str, query: str, token: str | None, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": query, "variables": variables}
    response = httpx.post(url, json=payload, headers=headers, timeout=30)
    return response.json()


def contact_nodes(gateway_url: str, token: str) -> list[dict[str, Any]]:
    body = post(gateway_url, CONTACTS_WITH_PRODUCT_FIELDS, token)
    assert "errors" not in body, body
    nodes = [edge["node"] for edge in body["data"]["contacts"]["edges"]]
    assert nodes, "the demo data has no contacts"
    return nodes


def test_gateway_joins_product_fields_onto_contacts(
    gateway_url: str, token: str
) -> None:
    nodes = contact_nodes(gateway_url, token)

    for node in nodes:
        assert node["displayName"]
        assert [deal["contact"]["id"] for deal in node["deals"]] == [node["id"]] * 2
        # Ops and Inbox answer from what they @require of the contacts subgraph.
        assert bool(node["inspections"]) == (node["role"] in OPS_ROLES)
        assert (node["tenancyStatus"] == "ACTIVE") == (node["role"] == "TENANT")
        assert bool(node["threads"]) == bool(node["email"])
    assert any(node["threads"] for node in nodes), "no demo contact has an email"


def test_gateway_completes_inbox_references_from_contacts(
    gateway_url: str, token: str
) -> None:
    nodes = contact_nodes(gateway_url, token)
    contact = next(node for node in nodes if node["email"])

    body = post(gateway_url, INBOX_CONTACTS, token, email=contact["email"])

    assert "errors" not in body, body
    found = {"id": contact["id"], "displayName": contact["displayName"]}
    assert found in body["data"]["inboxContacts"]


def test_gateway_without_session_gets_no_contacts(gateway_url: str) -> None:
    body = post(gateway_url, CONTACTS_WITH_PRODUCT_FIELDS, token=None)

    assert body.get("errors")
    assert not (body.get("data") or {}).get("contacts")
