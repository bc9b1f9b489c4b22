"""The machine-readable export: every record and reference, sorted, stable across builds."""

import json

from .kinds import kinds
from .validate import Evidence


def export_json(evidence: Evidence) -> str:
    records = {kind: {rid: r.model.model_dump(mode="json") for rid, r in sorted(evidence.corpus.records[kind].items())}
               for kind in kinds()}
    data = {
        "records": records,
        "watch": evidence.corpus.watch.model.model_dump(mode="json") if evidence.corpus.watch else None,
        "vocabulary": evidence.corpus.vocabulary.model.model_dump(mode="json") if evidence.corpus.vocabulary else None,
        "references": {key: dict(sorted(ref.fields.items(), key=lambda kv: kv[0])) | {
            "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in ref.authors] + (["others"] if ref.more_authors else [])}
            for key, ref in sorted(evidence.bibliography.references.items())},
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
