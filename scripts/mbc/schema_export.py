"""The JSON Schema files editors use (`# yaml-language-server: $schema=...`), generated from the models."""

import json
from pathlib import Path

from .kinds import kinds
from .schema.vocabulary import Vocabulary
from .schema.watch import WatchList

SCHEMA_DIR = Path("schemas")


def schema_files() -> dict[str, str]:
    """File name -> JSON text for every record kind."""
    documents = [(kind.schema_file, kind.model, f"{kind.model.__name__} record (evidence/{kind.folder}/<id>.yaml)")
                 for kind in kinds().values()]
    documents.append(("watch.schema.json", WatchList, "Watch list (evidence/watch.yaml)"))
    documents.append(("vocabulary.schema.json", Vocabulary, "Controlled vocabularies (evidence/vocabulary.yaml)"))
    files = {}
    for name, model, title in documents:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = title
        files[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return files


def write_schemas(root: Path) -> list[str]:
    """Write the schema files whose content changed; return their names."""
    target = root / SCHEMA_DIR
    target.mkdir(exist_ok=True)
    changed = []
    for name, text in schema_files().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
