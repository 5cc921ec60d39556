"""CG001 casualty-growth: a death or injury toll that grows from the first source to a later one."""

import pandas as pd

from fact_ledger import Check, CheckContext, hookimpl

TOLL = r"(?i)\b(?:dead|deaths?|killed|casualties|wounded|injured|victims)\b"
KEYS = ["subject_key", "location_key", "time"]


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    dates = {doc_id: doc.published for doc_id, doc in context.documents.items()}
    tolls = assertions[assertions["subject_key"].str.contains(TOLL, na=False)]
    tolls = tolls.assign(published=tolls["doc_id"].map(dates)).dropna(subset=["published"])
    first = tolls.sort_values("published").groupby(KEYS, dropna=False).head(1)
    pairs = tolls.merge(first, on=KEYS, suffixes=("", "_0"))
    grew = pairs[pairs["value_low"] > pairs["value_high_0"]]
    ids = grew[["assertion_id_0", "assertion_id"]].to_numpy().tolist()
    message = grew["subject_key"] + " grew from “" + grew["quote_0"] + "” (" + grew["published_0"]
    message += ") to “" + grew["quote"] + "” (" + grew["published"] + ")"
    return pd.DataFrame({"assertion_ids": ids, "message": message.tolist()})


CHECK = Check("CG001", "casualty-growth", "Toll grows between sources", __doc__, "info", run)


@hookimpl
def ledger_register_checks(register):
    register(CHECK)
