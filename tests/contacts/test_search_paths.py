"""Free-text search works with pg_trgm's indexes and without them."""

from sqlalchemy import text

from contacts_graph.contacts import repository
from contacts_graph.contacts.filters import ContactOrder, ContactQuery
from contacts_graph.db.session import enter_tenant
from contacts_graph.pagination import OrderDirection, PageRequest
from tests.factories import create_contact


async def search(session, viewer, term):
    page = await repository.page_contacts(
        session,
        viewer.tenant_id,
        ContactQuery(search=term),
        ContactOrder.DISPLAY_NAME,
        OrderDirection.ASC,
        PageRequest(size=50),
    )
    return [c.display_name for c in page.items]


async def trigram_available(session) -> bool:
    found = await session.scalar(
        text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    )
    return bool(found)


async def test_migration_adds_trigram_indexes_where_the_server_has_pg_trgm(app):
    async with app.state.services.sessionmaker() as session:
        available = await trigram_available(session)
        indexes = set(
            (
                await session.scalars(
                    text(
                        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm'"
                    )
                )
            ).all()
        )

    expected = {"ix_contacts_search_trgm", "ix_organizations_name_trgm"}
    assert indexes == (expected if available else set())


async def test_search_finds_the_same_contacts_without_the_indexes(app, viewer):
    async with app.state.services.sessionmaker() as session, session.begin():
        await enter_tenant(session, viewer.tenant_id)
        await create_contact(session, viewer, given_name="Zofia", family_name="Wright")
        await create_contact(
            session, viewer, given_name="Anna", family_name="Wrightson"
        )
        await create_contact(session, viewer, given_name="Bo", family_name="Lee")

    async with app.state.services.sessionmaker() as session:
        await session.begin()
        await enter_tenant(session, viewer.tenant_id)
        with_indexes = await search(session, viewer, "wright")
        await session.execute(text("RESET ROLE"))
        await session.execute(text("DROP INDEX IF EXISTS ix_contacts_search_trgm"))
        await session.execute(text("DROP INDEX IF EXISTS ix_organizations_name_trgm"))
        await enter_tenant(session, viewer.tenant_id)
        without_indexes = await search(session, viewer, "wright")
        await session.rollback()

    assert with_indexes == ["Anna Wrightson", "Zofia Wright"]
    assert without_indexes == with_indexes


SEARCH = """
query ($search: String!) {
  contacts(filter: {search: $search}) { edges { node { displayName } } }
}
"""


async def names(graphql, term):
    data = await graphql(SEARCH, {"search": term})
    return [e["node"]["displayName"] for e in data["contacts"]["edges"]]


async def test_a_phone_is_found_however_it_is_written(session, viewer, graphql):
    await create_contact(session, viewer, given_name="Tel", phone="+1 212 555 0020")
    await session.commit()

    for term in ("+1 212 555 0020", "(212) 555-0020", "212.555.0020", "5550020"):
        assert await names(graphql, term) == ["Tel Lovelace"], term


async def test_search_ignores_accents_and_unicode_composition(session, viewer, graphql):
    await create_contact(session, viewer, given_name="Zoe\u0301", family_name="García")
    await session.commit()

    for term in ("Zoé", "zoe", "ZOE\u0301", "garcia", "García"):
        assert await names(graphql, term) == ["Zoé García"], term
