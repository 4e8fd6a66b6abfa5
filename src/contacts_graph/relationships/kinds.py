"""Relationship kinds, their inverses, and the groups that exclude each other."""

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

# A pair of contacts holds at most one kind of each group: a parent is not
# also a child or a sibling. Kinds of different groups may hold together, as
# an employer who also referred the contact.
GROUPS = (
    frozenset({Kind.PARENT, Kind.CHILD, Kind.SIBLING, Kind.SPOUSE}),
    frozenset({Kind.EMPLOYER, Kind.EMPLOYEE}),
    frozenset({Kind.REFERRER, Kind.REFERRED}),
)
GROUP = {kind: group for group in GROUPS for kind in group}

MAX_NETWORK_DEPTH = 4
MAX_NETWORK_SIZE = 500
