"""Subtypes: the receptor-defined groups of metastatic breast cancer, and treatment by line."""

from typing import Literal

from ..kinds import Kind
from .base import RecordBase, Slug, Strict, field


class Criterion(Strict):
    marker: Literal["ER", "PR", "HER2"] = field("The receptor the criterion concerns.", "HER2")
    status: str = field("The defining result for this marker.", "Positive (IHC 3+ or ISH-amplified)", min_length=1)


class TreatmentLine(Strict):
    line: str = field("The setting or line of therapy.", "First line", min_length=1)
    summary: str = field("Markdown summary of the options in this line, cited.",
                         "Pertuzumab, trastuzumab and a taxane [@baselga2012].", min_length=1, cites="required")
    drugs: list[Slug] = field("Drug ids mentioned in this line.", ["pertuzumab"], default_factory=list, links_to="drugs")
    trials: list[Slug] = field("Trial ids supporting this line.", ["cleopatra"], default_factory=list, links_to="trials")


class Subtype(RecordBase):
    name: str = field("Display name of the subtype.", "HER2-positive", min_length=1)
    criteria: list[Criterion] = field("The defining receptor criteria.", [{"marker": "HER2", "status": "Positive"}], min_length=1)
    treatment: list[TreatmentLine] = field("Treatment by setting and line.", [], default_factory=list)

KIND = Kind(folder="subtypes", singular="subtype", title="Subtypes", model=Subtype, nav_order=1)
