"""A fact-ledger plugin that cannot even be imported (see ../README.md)."""

raise ImportError("broken_plugin needs a module that is not installed")
