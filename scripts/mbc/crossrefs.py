"""What the pages need to know across records: labels, back-links and formatted references."""

from dataclasses import dataclass

from markupsafe import Markup

from .citations import cited_by
from .declarations import record_links
from .kinds import kinds
from .reference_format import format_references
from .text import plain
from .validate import Evidence


@dataclass(frozen=True)
class RecordLink:
    """A link from one generated page to a record page, as Markdown."""

    kind: str
    id: str
    label: str

    def markdown(self, from_kind: str | None) -> Markup:
        prefix = f"../{self.kind}/" if from_kind else f"{self.kind}/"
        return Markup(f"[{plain(self.label)}]({prefix}{self.id}.md)")


class SiteIndex:
    """Labels, back-links and formatted references, computed once per build."""

    def __init__(self, evidence: Evidence) -> None:
        self.corpus = evidence.corpus
        self.references = evidence.bibliography.references
        self.formatted = format_references(evidence.bibliography)
        self.citing = cited_by(self.corpus)
        # (kind, id) -> kind of the naming records -> those records, by label: read off the
        # models' links_to declarations, so every link has its way back.
        # Collected by id: comparing records (deep model equality) made this quadratic.
        named: dict[tuple[str, str], dict[str, dict]] = {}
        for record in self.corpus.all():
            for _, kind, target in record_links(record.model):
                named.setdefault((kind, target), {}).setdefault(record.kind, {}).setdefault(record.id, record)
        self.linked_from: dict[tuple[str, str], dict[str, list]] = {
            target: {kind: sorted(records.values(), key=lambda r: self.label(r).lower()) for kind, records in groups.items()}
            for target, groups in named.items()}
        self.ncts_of_reference: dict[str, list[str]] = {}
        for trial in sorted(self.corpus.records["trials"].values(), key=lambda r: self.label(r).lower()):
            for result in trial.model.results:
                for key in result.source:
                    if trial.model.nct and trial.model.nct not in self.ncts_of_reference.setdefault(key, []):
                        self.ncts_of_reference[key].append(trial.model.nct)

    @staticmethod
    def label(record) -> str:
        return kinds()[record.kind].label(record.model)

    def named_by(self, record, kind: str) -> list:
        """The records of a kind that name this record."""
        return self.linked_from.get((record.kind, record.id), {}).get(kind, [])

    def link(self, kind: str, record_id: str) -> RecordLink:
        record = self.corpus.get(kind, record_id)
        return RecordLink(kind, record_id, self.label(record) if record else record_id)

    def links(self, records) -> list[RecordLink]:
        return [RecordLink(r.kind, r.id, self.label(r)) for r in records]
