"""The controlled vocabularies (evidence/vocabulary.yaml): the lines of therapy, prior exposures and
biomarker results that trials and settings are described by, so that they can be filtered and
matched. It is one file, not a record kind: its terms are shown on the generated Vocabulary page,
and fields declared with terms="<section>" may only use its ids (rule TERM-UNKNOWN)."""

from .base import Day, Slug, Strict, field

SECTIONS = {"line": "Lines of therapy", "exposure": "Prior exposures", "biomarker": "Biomarker results and selecting conditions"}


class Term(Strict):
    id: Slug = field("Term id, unique within its section; records use it.", "cdk46-inhibitor")
    label: str = field("How pages name the term.", "CDK4/6 inhibitor", min_length=1)
    definition: str = field("What the term means, in one or two sentences.",
                            "Palbociclib, ribociclib or abemaciclib, in any setting.", min_length=1)
    broader: Slug | None = field(
        "Id of the broader term of the same section this one is a kind of (an aromatase inhibitor is an endocrine "
        "therapy): a trial that requires or allows the broader term covers this one.", "endocrine-therapy", default=None)
    biomarker: Slug | None = field("For a biomarker result, the biomarker record describing its test.", "esr1", default=None,
                                   links_to="biomarkers")


class Vocabulary(Strict):
    last_reviewed: Day = field("The date the vocabulary was last checked (YYYY-MM-DD).", "2026-11-21")
    line: list[Term] = field("Lines of therapy for advanced disease.", [{"id": "first-line", "label": "First line",
                                                                          "definition": "The first therapy for advanced disease."}],
                             min_length=1)
    exposure: list[Term] = field("Therapies a patient may have received before (prior exposures).",
                                 [{"id": "taxane", "label": "Taxane", "definition": "Paclitaxel or docetaxel, in any setting."}],
                                 min_length=1)
    biomarker: list[Term] = field("Biomarker results (and clinical conditions) that select patients.",
                                  [{"id": "esr1-mutated", "label": "ESR1 mutation", "definition": "An activating ESR1 mutation.",
                                    "biomarker": "esr1"}], min_length=1)

    def section(self, name: str) -> list[Term]:
        return getattr(self, name)
