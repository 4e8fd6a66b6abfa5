"""The financial tabs: ledger entries, invoices and payments, and lifetime value."""
