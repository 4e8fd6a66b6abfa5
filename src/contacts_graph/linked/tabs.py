"""Which profile tab reads which linked records: the one place that says so.

Products write their records with a kind of their own choosing; a tab shows
the ``(product, kind)`` pairs listed here. Records of other kinds are stored
all the same and reach the activity feed, but no list tab.
"""

import enum

PRODUCTS = ("DEALS", "OPS", "INBOX", "MAIL", "ASSURE", "CALENDAR", "BOX", "ADS")

PRODUCT_DESCRIPTIONS = {
    "DEALS": "Deals: pipelines and deals.",
    "OPS": "Operations: stays, appointments, work orders.",
    "INBOX": "Inbox: conversation threads.",
    "MAIL": "Mail: email campaigns and sends.",
    "ASSURE": "Assure: care appointments.",
    "CALENDAR": "Calendar: events, meetings and bookings.",
    "BOX": "Box: shared files and folders.",
    "ADS": "Ads: ad campaigns and sends.",
}


class LinkedTab(enum.StrEnum):
    """A profile tab whose items are linked records; values are field names."""

    CONVERSATIONS = "conversations"
    CAMPAIGNS = "campaigns"
    EVENTS = "events"
    PIPELINE = "pipeline"
    STAYS = "stays"
    APPOINTMENTS = "appointments"
    WORK_ORDERS = "workOrders"


TAB_SOURCES: dict[LinkedTab, tuple[tuple[str, str], ...]] = {
    LinkedTab.CONVERSATIONS: (("INBOX", "thread"),),
    LinkedTab.CAMPAIGNS: (("MAIL", "send"), ("ADS", "send")),
    LinkedTab.EVENTS: (
        ("CALENDAR", "event"),
        ("CALENDAR", "meeting"),
        ("CALENDAR", "booking"),
    ),
    LinkedTab.PIPELINE: (("DEALS", "deal"),),
    LinkedTab.STAYS: (("OPS", "stay"),),
    LinkedTab.APPOINTMENTS: (("OPS", "appointment"), ("ASSURE", "appointment")),
    LinkedTab.WORK_ORDERS: (("OPS", "work_order"),),
}


def _sources_text(tab: LinkedTab) -> str:
    return ", ".join(f"{product} {kind}" for product, kind in TAB_SOURCES[tab])


# The descriptions of the Contact fields, naming the records each one reads.
TAB_DESCRIPTIONS = {
    LinkedTab.CONVERSATIONS: "Linked inbox threads, newest first (the "
    f"conversations tab): {_sources_text(LinkedTab.CONVERSATIONS)} records.",
    LinkedTab.CAMPAIGNS: "Mail and ad sends with their opens and clicks in the "
    f"payload, newest first (the campaigns tab): "
    f"{_sources_text(LinkedTab.CAMPAIGNS)} records.",
    LinkedTab.EVENTS: "Meetings and bookings, newest first (the events tab): "
    f"{_sources_text(LinkedTab.EVENTS)} records.",
    LinkedTab.PIPELINE: "Linked deals with stage (status) and value (amount), "
    f"newest first (the pipeline tab): {_sources_text(LinkedTab.PIPELINE)} "
    "records.",
    LinkedTab.STAYS: "A guest's stays, newest first (the stays tab): "
    f"{_sources_text(LinkedTab.STAYS)} records.",
    LinkedTab.APPOINTMENTS: "A patient's appointments, newest first (the "
    f"appointments tab): {_sources_text(LinkedTab.APPOINTMENTS)} records.",
    LinkedTab.WORK_ORDERS: "Work orders of a vendor or contractor, newest first "
    f"(the workOrders tab): {_sources_text(LinkedTab.WORK_ORDERS)} records.",
}
