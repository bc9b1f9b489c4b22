"""Drugs: mechanism, regulatory history and toxicities."""

from typing import Literal

from ..kinds import Kind
from .base import PartialDay, RecordBase, Slug, Statement, Strict, field


class RegulatoryEvent(Strict):
    agency: Literal["FDA", "EMA", "MHRA", "PMDA", "NMPA", "Health Canada"] = field("The regulator.", "FDA")
    date: PartialDay = field("Date of the decision: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no more.", "1998-09-25")
    event: Literal["approval", "accelerated-approval", "conditional-approval", "full-approval", "withdrawal",
                   "label-change", "refusal", "application-withdrawn"] = field(
        "What the regulator did: approval (accelerated, conditional or full), withdrawal of an approved indication, "
        "label change, refusal (a negative decision or opinion), or application-withdrawn (the company withdrew "
        "its application before a decision).", "approval")
    indication: str = field("The indication concerned, in your own words.", "HER2-overexpressing metastatic breast cancer", min_length=1)
    cites: list[str] = field("Bibliography keys documenting the event.", ["key2019"], default_factory=list, cites="required")
    settings: list[Slug] = field("Ids of the settings whose options this decision concerns: their pages show the regulatory "
                                 "status derived from it.", ["her2-positive-first-line"], default_factory=list, links_to="settings")


class Drug(RecordBase):
    name: str = field("Generic name.", "Trastuzumab", min_length=1)
    brand_names: list[str] = field("Brand names.", ["Herceptin"], default_factory=list)
    drug_class: str = field("Pharmacological class.", "Anti-HER2 monoclonal antibody", min_length=1)
    targets: list[str] = field("Molecular targets.", ["HER2"], default_factory=list)
    mechanism: str = field("Markdown description of the mechanism of action, cited.", "Binds HER2 [@key].", min_length=1,
                           cites="required")
    subtypes: list[Slug] = field("Subtype ids where the drug is used.", ["her2-positive"], default_factory=list, links_to="subtypes")
    regulatory: list[RegulatoryEvent] = field("Approvals, withdrawals and label changes, each cited.", [], default_factory=list)
    toxicities: list[Statement] = field("Notable toxicities, each cited.", [], default_factory=list)

KIND = Kind(folder="drugs", singular="drug", title="Drugs", model=Drug, nav_order=4)
