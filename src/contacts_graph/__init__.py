"""contacts-graph: the one contact record a product suite shares."""

__version__ = "0.1.0"
