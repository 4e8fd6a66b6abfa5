"""Import contacts from a CSV file: create new ones, update known ones, report all.

A row is known when its external id (the file's customer id column, kept
under the import's source) was imported before: the contact is then updated
instead of duplicated. A row whose id an earlier row of the same file has is
rejected, since one file describes each contact once. Each row runs in a
savepoint, so a row that fails for any reason is reported and leaves nothing
behind, and the other rows go on.
"""

import logging
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts import (
    repository as contacts_repository,
    service as contacts,
)
from contacts_graph.contacts.models import Contact
from contacts_graph.contacts.roles import DEFAULT_ROLE, Role
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.imports.columns import ColumnMapping, Target, map_columns
from contacts_graph.imports.csv_reader import CsvFileError, CsvRow, read_csv
from contacts_graph.imports.models import ImportFile
from contacts_graph.imports.rows import ContactDraft, RowProblem, parse_row
from contacts_graph.organizations import service as organizations
from contacts_graph.tags import service as tags

logger = logging.getLogger(__name__)

# Consent events and contacts created by an import name it "import:<source>",
# and consent_events.source takes 63 characters.
SOURCE_PREFIX = "import:"
MAX_SOURCE = contacts.MAX_CONSENT_TEXT - len(SOURCE_PREFIX)

# What a draft carries under the contact's own column names; roles and
# custom fields need merging, so they are handled apart.
DRAFT_COLUMNS = tuple(
    column
    for column in contacts.WRITABLE
    if column not in ("primary_role", "roles", "custom_fields")
)


@dataclass
class RowOutcome:
    """What became of one row: CREATED, UPDATED, UNCHANGED or REJECTED."""

    line: int
    status: str
    contact_id: uuid.UUID | None = None
    problems: list[RowProblem] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowOutcome] = field(default_factory=list)
    file_problems: list[RowProblem] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.rows)


async def store_upload(
    session: AsyncSession,
    viewer: Viewer,
    *,
    filename: str,
    content_type: str | None,
    content: bytes,
) -> ImportFile:
    """Keep an uploaded file for a later import; return its record."""
    # Limitation: uploads stay in the database until the tenant is removed;
    # expiry and clean-up come with the import wizard's jobs.
    upload = ImportFile(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        filename=filename[:255],
        content_type=content_type,
        size=len(content),
        content=content,
        uploaded_by=viewer.actor,
    )
    session.add(upload)
    await session.flush()
    return upload


async def get_upload(
    session: AsyncSession, viewer: Viewer, file_id: uuid.UUID
) -> ImportFile:
    upload = await session.get(ImportFile, (viewer.tenant_id, file_id))
    if upload is None:
        raise NotFound("file", "fileId")
    return upload


def _values(draft: ContactDraft, *, for_update: bool) -> dict[str, Any]:
    values = {key: getattr(draft, key) for key in DRAFT_COLUMNS}
    # The contact service checks phones as typed, the way the API sends them.
    values["extra_phones"] = [phone["number"] for phone in draft.extra_phones]
    if for_update:
        # An empty cell leaves what is stored alone; a file never erases.
        values = {k: v for k, v in values.items() if v not in (None, "", [])}
        if draft.custom_fields:
            values["custom_fields"] = draft.custom_fields
    else:
        values["custom_fields"] = draft.custom_fields
    if draft.primary_role is not None:
        values["primary_role"] = draft.primary_role.value
    if draft.roles:
        values["roles"] = [role.value for role in draft.roles]
    return values


@dataclass
class RowWriter:
    """Write the rows of one import: what each row becomes, in its savepoint."""

    session: AsyncSession
    viewer: Viewer
    source: str
    default_role: Role
    region: str
    effective_at: datetime

    async def outcome(self, line: int, draft: ContactDraft) -> RowOutcome:
        """Write one parsed row; a row that fails leaves nothing behind."""
        existing_id = await _existing(self.session, self.viewer, self.source, draft)
        try:
            async with self.session.begin_nested():
                if existing_id is None:
                    status, contact = "CREATED", await self._create(draft)
                else:
                    status, contact = await self._update(draft, existing_id)
                await self._link(contact, draft)
        except (ValidationFailed, NotFound) as failure:
            return RowOutcome(line, "REJECTED", problems=_problems(line, failure))
        return RowOutcome(line, status, contact_id=contact.id)

    async def _create(self, draft: ContactDraft) -> Contact:
        values = _values(draft, for_update=False)
        values.setdefault("primary_role", self.default_role.value)
        contact = await contacts.create_contact(
            self.session,
            self.viewer,
            values,
            region=self.region,
            source=f"{SOURCE_PREFIX}{self.source}",
        )
        if draft.external_id:
            await contacts.attach_external_id(
                self.session, self.viewer, contact, self.source, draft.external_id
            )
        return contact

    async def _update(
        self, draft: ContactDraft, contact_id: uuid.UUID
    ) -> tuple[str, Contact]:
        before = await self.session.get(Contact, (self.viewer.tenant_id, contact_id))
        stamp = before.updated_at if before else None
        values = _values(draft, for_update=True)
        if before is not None and "custom_fields" in values:
            # A file adds custom fields; it does not drop the ones it lacks.
            values["custom_fields"] = {
                **before.custom_fields,
                **values["custom_fields"],
            }
        contact = await contacts.update_contact(
            self.session, self.viewer, contact_id, values, region=self.region
        )
        return ("UPDATED" if contact.updated_at != stamp else "UNCHANGED"), contact

    async def _link(self, contact: Contact, draft: ContactDraft) -> None:
        """Add the row's organization, tags and consent to its contact."""
        session, viewer = self.session, self.viewer
        if draft.organization_name:
            found = await organizations.find_or_create_organizations(
                session, viewer, [draft.organization_name]
            )
            organization = found[draft.organization_name.strip().lower()]
            await organizations.add_membership(
                session,
                viewer,
                contact.id,
                organization.id,
                title=draft.title,
                is_primary=True,
            )
        if draft.tags:
            for tag in (
                await tags.find_or_create_tags(session, viewer, draft.tags)
            ).values():
                await tags.tag_contacts(session, viewer, tag, [contact.id])
        if draft.consent_marketing is not None:
            await contacts.set_marketing_consent(
                session,
                viewer,
                contact.id,
                granted=draft.consent_marketing,
                source=f"{SOURCE_PREFIX}{self.source}",
                legal_basis="consent",
                effective_at=self.effective_at,
            )


async def import_csv(
    session: AsyncSession,
    viewer: Viewer,
    data: bytes,
    *,
    source: str = "csv",
    default_role: Role = DEFAULT_ROLE,
    region: str,
    received_at: datetime | None = None,
) -> ImportReport:
    """Import every row of a CSV file and report each row's outcome.

    Phone numbers are read in the row's country when it has one, else in
    ``region``. Consent columns take effect at ``received_at``, when the file
    came in, never later.

    Raises:
        ValidationFailed: ``source`` is too long; then the file is not read.
    """
    source = _checked_source(source)
    report = ImportReport()
    try:
        table = read_csv(data)
    except CsvFileError as error:
        report.file_problems.append(_file_problem(error))
        return report
    mapping = map_columns(table.header)
    writer = RowWriter(
        session,
        viewer,
        source,
        default_role,
        region,
        effective_at=received_at or datetime.now(UTC),
    )

    # Limitation: rows are written one by one, each with a savepoint; batched
    # writes and a background job for large files come with the import wizard.
    first_lines: dict[str, int] = {}
    for row in _readable_rows(table.rows, report):
        draft, problems = parse_row(
            row.line, row.values, mapping, default_region=region
        )
        if draft is not None and draft.external_id:
            problems = _repeated_id(row.line, draft.external_id, mapping, first_lines)
        if draft is None or problems:
            report.rows.append(RowOutcome(row.line, "REJECTED", problems=problems))
        else:
            report.rows.append(await writer.outcome(row.line, draft))
    if not report.rows and not report.file_problems:
        report.file_problems.append(_no_rows(table.header_line))

    logger.info(
        "import.finished",
        extra={
            "tenant_id": str(viewer.tenant_id),
            "created_count": report.count("CREATED"),
            "updated_count": report.count("UPDATED"),
            "rejected_count": report.count("REJECTED"),
        },
    )
    return report


def _checked_source(source: str) -> str:
    """Return the source as ids are kept under it; refuse one too long to record."""
    source = source.strip().lower() or "csv"
    if len(source) > MAX_SOURCE:
        raise ValidationFailed.one(
            "source", "TOO_LONG", f"source takes at most {MAX_SOURCE} characters."
        )
    return source


def _no_rows(header_line: int) -> RowProblem:
    return RowProblem(
        header_line, None, "file", "NO_ROWS", "The file has a header but no rows."
    )


def _file_problem(error: CsvFileError) -> RowProblem:
    return RowProblem(error.line, None, "file", error.code, error.message)


def _readable_rows(rows: Iterator[CsvRow], report: ImportReport) -> Iterator[CsvRow]:
    """Yield rows until the file cannot be read on; report why it stopped."""
    try:
        yield from rows
    except CsvFileError as error:
        # The rows before stay imported; the problem names the line to fix.
        report.file_problems.append(_file_problem(error))


def _repeated_id(
    line: int, external_id: str, mapping: ColumnMapping, first_lines: dict[str, int]
) -> list[RowProblem]:
    """Return the problem of an id an earlier row of the file has, and note it.

    Two rows with one id would write one contact twice, the later row
    overwriting the earlier; neither a create nor an update is meant.
    """
    first = first_lines.setdefault(external_id, line)
    if first == line:
        return []
    column = next(c.label for c in mapping if c.target is Target.EXTERNAL_ID)
    return [
        RowProblem(
            line,
            column,
            "externalId",
            "DUPLICATE_EXTERNAL_ID",
            f"Customer id {external_id} already appears on line {first} of this file.",
        )
    ]


async def _existing(
    session: AsyncSession, viewer: Viewer, source: str, draft: ContactDraft
) -> uuid.UUID | None:
    if not draft.external_id:
        return None
    found = await contacts_repository.contact_ids_by_external_id(
        session, viewer.tenant_id, [(source, draft.external_id)]
    )
    return found.get((source, draft.external_id))


def _problems(line: int, failure: Exception) -> list[RowProblem]:
    errors: Iterable[Any] = (
        failure.errors
        if isinstance(failure, ValidationFailed)
        else [failure.as_field_error()]  # type: ignore[attr-defined]
    )
    return [RowProblem(line, None, e.field, e.code, e.message) for e in errors]
