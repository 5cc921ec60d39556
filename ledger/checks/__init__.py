"""The builtin checks, one module each; registered by fact_ledger.plugins.default_checks."""
