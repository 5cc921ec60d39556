"""fact-ledger's builtin plugins, installed as ``fact_ledger.plugins``.

Each module is an ordinary pluggy plugin, registered from
:data:`fact_ledger.manager.BUILTIN_PLUGINS` exactly as a third-party plugin would be.
"""

if __name__ != "fact_ledger.plugins":  # pragma: no cover - guards a misconfigured path
    raise ImportError(
        "import the builtin plugins as fact_ledger.plugins, not as a top-level 'plugins'"
    )
