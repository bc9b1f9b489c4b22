"""Biomarkers: who is tested, when, on which sample, and the options each result opens."""

from typing import Literal

from ..kinds import Kind
from .base import RecordBase, Slug, Strict, field


class TherapyOption(Strict):
    result: str = field("The test result that opens the option.", "PIK3CA mutation detected", min_length=1)
    setting: str = field("The disease setting and line in which the option applies.",
                         "HR-positive/HER2-negative, after progression on endocrine therapy", min_length=1)
    drugs: list[Slug] = field("Drug ids the result makes available.", ["alpelisib"], min_length=1, links_to="drugs")
    trials: list[Slug] = field("Trial ids that selected patients by this result.", ["solar-1"], default_factory=list, links_to="trials")
    summary: str = field("Markdown summary of the evidence for the option, cited.", "Alpelisib ... [@andre2019].", min_length=1,
                         cites="required")


class Biomarker(RecordBase):
    name: str = field("Display name of the biomarker.", "PIK3CA mutation", min_length=1)
    measures: str = field("What is measured, in a few words.", "Activating mutations of the PIK3CA gene in tumour DNA", min_length=1)
    subtypes: list[Slug] = field("Subtype ids in which the biomarker guides therapy.", ["hr-positive-her2-negative"], default_factory=list,
                                 links_to="subtypes")
    who: str = field("Markdown: who is tested, cited.", "Patients with HR-positive/HER2-negative disease [@key].", min_length=1,
                     cites="required")
    when: str = field("Markdown: when in the course of the disease the test is done, cited.", "At progression [@key].", min_length=1,
                      cites="required")
    sample: str = field("Markdown: which sample is tested (tissue, blood/ctDNA, germline), cited.", "Tumour tissue or plasma [@key].",
                        min_length=1, cites="required")
    method: str = field("Markdown: assays and cut-offs as the trials or guidelines define them, cited.", "PCR or sequencing [@key].",
                        min_length=1, cites="required")
    options: list[TherapyOption] = field("The therapy options the result opens, each cited.",
                                         [{"result": "PIK3CA mutation detected", "setting": "After endocrine therapy",
                                           "drugs": ["alpelisib"], "summary": "Alpelisib ... [@andre2019]."}], min_length=1)

KIND = Kind(folder="biomarkers", singular="biomarker", title="Biomarkers", model=Biomarker, nav_order=3,
            backlink_intro="Tests that select patients for this record")
