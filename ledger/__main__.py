"""``python -m fact_ledger`` is the ``fact-ledger`` command."""

from .cli import main

if __name__ == "__main__":
    main()
