"""The importContacts mutation: import an uploaded file and report every row."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.contacts.roles import DEFAULT_ROLE, Role as DomainRole
from contacts_graph.contacts.types import Role
from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.imports import service

ImportRowStatus = described_enum(
    "ImportRowStatus",
    {
        "CREATED": "A new contact.",
        "UPDATED": "A contact imported before, updated.",
        "UNCHANGED": "A contact imported before, already up to date.",
        "REJECTED": "Not imported; see problems.",
    },
    "What became of one row of an import file.",
)


@strawberry.type(description="A problem with one cell or row of an import file.")
class ImportProblem:
    line: int = strawberry.field(description="Line of the file where the row starts.")
    column: str | None = strawberry.field(description="Header of the column at fault.")
    field: str = strawberry.field(description="Contact field the column fills.")
    code: str = strawberry.field(description="What is wrong, e.g. INVALID_EMAIL.")
    message: str = strawberry.field(description="One sentence for a person.")


@strawberry.type(description="What became of one row of an import file.")
class ImportRowResult:
    line: int = strawberry.field(description="Line of the file where the row starts.")
    status: ImportRowStatus = strawberry.field(description="Outcome.")  # type: ignore[valid-type]
    contact_id: strawberry.ID | None = strawberry.field(
        description="The contact created or updated."
    )
    problems: list[ImportProblem] = strawberry.field(description="Why it was rejected.")


@strawberry.type(description="Result of importContacts.")
class ImportContactsPayload:
    created_count: int = strawberry.field(description="Rows that created contacts.")
    updated_count: int = strawberry.field(description="Rows that updated contacts.")
    unchanged_count: int = strawberry.field(description="Rows already up to date.")
    rejected_count: int = strawberry.field(description="Rows not imported.")
    rows: list[ImportRowResult] = strawberry.field(description="One per data row.")
    file_problems: list[ImportProblem] = strawberry.field(
        description="Problems with the file as a whole; then no row was read."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing ran.")


def _problem(p: service.RowProblem) -> ImportProblem:
    return ImportProblem(
        line=p.line, column=p.column, field=p.field, code=p.code, message=p.message
    )


def _payload(
    report: service.ImportReport | None, errors: list[UserError]
) -> ImportContactsPayload:
    report = report or service.ImportReport()
    rows = [
        ImportRowResult(
            line=o.line,
            status=ImportRowStatus(o.status),
            contact_id=strawberry.ID(str(o.contact_id)) if o.contact_id else None,
            problems=[_problem(p) for p in o.problems],
        )
        for o in report.rows
    ]
    return ImportContactsPayload(
        created_count=report.count("CREATED"),
        updated_count=report.count("UPDATED"),
        unchanged_count=report.count("UNCHANGED"),
        rejected_count=report.count("REJECTED"),
        rows=rows,
        file_problems=[_problem(p) for p in report.file_problems],
        user_errors=errors,
    )


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        description="Import contacts from a file uploaded to "
        "POST /api/contacts/import/files. Rows with an external id seen before "
        "update their contact instead of adding another."
    )
    async def import_contacts(
        self,
        info: Info,
        file_id: strawberry.ID,
        default_role: Role | None = None,  # type: ignore[valid-type]
        source: str = "csv",
    ) -> ImportContactsPayload:
        info.context.require("imports:run")
        viewer = info.context.viewer
        region = info.context.settings.default_phone_region
        role = DomainRole(default_role.value) if default_role else DEFAULT_ROLE

        async def run(session: AsyncSession) -> service.ImportReport:
            upload = await service.get_upload(
                session, viewer, contact_id_of(file_id, "fileId")
            )
            return await service.import_csv(
                session,
                viewer,
                upload.content,
                source=source.strip().lower() or "csv",
                default_role=role,
                region=region,
                received_at=upload.created_at,
            )

        return _payload(*await attempt(info, run))
