"""The compliance tabs: identity documents, KYC checks, AML screenings, right to rent."""
