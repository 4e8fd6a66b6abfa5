"""The ten contact roles and the products that see each."""

import enum


class Role(enum.StrEnum):
    GUEST = "GUEST"
    TENANT = "TENANT"
    OWNER = "OWNER"
    INVESTOR = "INVESTOR"
    CLIENT = "CLIENT"
    PATIENT = "PATIENT"
    VENDOR = "VENDOR"
    EMPLOYEE = "EMPLOYEE"
    CONTRACTOR = "CONTRACTOR"
    PROSPECT = "PROSPECT"


class Product(enum.StrEnum):
    OPS = "OPS"
    DEALS = "DEALS"


PRODUCT_ROLES: dict[Product, tuple[Role, ...]] = {
    Product.OPS: (
        Role.GUEST,
        Role.TENANT,
        Role.OWNER,
        Role.VENDOR,
        Role.CONTRACTOR,
        Role.EMPLOYEE,
        Role.PATIENT,
    ),
    Product.DEALS: (Role.CLIENT, Role.PROSPECT, Role.INVESTOR, Role.OWNER),
}

DEFAULT_ROLE = Role.PROSPECT


def parse_role(value: str) -> Role | None:
    """Return the role named by ``value`` (any case and spacing), or None."""
    key = value.strip().upper().replace(" ", "_").replace("-", "_")
    try:
        return Role(key)
    except ValueError:
        return None
