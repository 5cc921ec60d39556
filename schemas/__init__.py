"""pandera models of fact-ledger's tables, installed as ``fact_ledger.schemas``."""

if __name__ != "fact_ledger.schemas":  # pragma: no cover - guards a misconfigured path
    raise ImportError("import the schemas as fact_ledger.schemas, not as a top-level 'schemas'")
