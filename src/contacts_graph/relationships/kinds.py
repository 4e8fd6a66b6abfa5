"""Relationship kinds and their inverses."""

import enum


class Kind(enum.StrEnum):
    PARENT = "PARENT"
    CHILD = "CHILD"
    SPOUSE = "SPOUSE"
    SIBLING = "SIBLING"
    EMPLOYER = "EMPLOYER"
    EMPLOYEE = "EMPLOYEE"
    REFERRER = "REFERRER"
    REFERRED = "REFERRED"


INVERSE = {
    Kind.PARENT: Kind.CHILD,
    Kind.CHILD: Kind.PARENT,
    Kind.SPOUSE: Kind.SPOUSE,
    Kind.SIBLING: Kind.SIBLING,
    Kind.EMPLOYER: Kind.EMPLOYEE,
    Kind.EMPLOYEE: Kind.EMPLOYER,
    Kind.REFERRER: Kind.REFERRED,
    Kind.REFERRED: Kind.REFERRER,
}

MAX_NETWORK_DEPTH = 4
MAX_NETWORK_SIZE = 500
