"""Trials: design, population, arms and each publication's results as a dated analysis."""

from typing import Annotated, Literal

from pydantic import StringConstraints

from ..kinds import Kind
from .base import NCT_PATTERN, Level, PartialDay, RecordBase, Slug, Strict, field


class Arm(Strict):
    id: Slug = field("Arm id, unique within the trial.", "experimental")
    label: str = field("What the arm received.", "Pertuzumab + trastuzumab + docetaxel", min_length=1)
    drugs: list[Slug] = field("Drug ids given in the arm (may be empty, e.g. physician's choice).", ["pertuzumab"],
                              default_factory=list, links_to="drugs")
    control: bool = field("True for the comparator arm.", False, default=False)


class HazardRatio(Strict):
    value: float = field("The hazard ratio.", 0.62)
    # Some publications print a hazard ratio without its interval; then both bounds are omitted.
    ci_low: float | None = field("Lower bound of the 95% confidence interval, if printed.", 0.51, default=None)
    ci_high: float | None = field("Upper bound of the 95% confidence interval, if printed.", 0.75, default=None)


class ArmOutcome(Strict):
    arm: Slug = field("The arm id this outcome belongs to.", "experimental")
    n: int | None = field("Patients analysed in this arm.", 402, default=None)
    median: float | Literal["NR"] | None = field("Median time, or NR when not reached.", 18.5, default=None)
    unit: Literal["months", "weeks", "days"] | None = field("Unit of the median; required with a median.", "months", default=None)
    ci_low: float | None = field("Lower bound of the 95% CI of the median.", 15.2, default=None)
    ci_high: float | None = field("Upper bound of the 95% CI of the median.", 23.7, default=None)
    rate: float | None = field("A percentage such as the objective response rate (0-100).", 80.2, default=None)


class Result(Strict):
    id: Slug = field("Result id, unique within the trial.", "primary-pfs")
    analysis: str = field("Which analysis this is.", "Primary analysis", min_length=1)
    endpoint: str = field("The endpoint, short form.", "PFS", min_length=1)
    published: PartialDay = field("Date of the publication the numbers come from: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no more.", "2012-01-12")
    source: list[str] = field("Bibliography keys of the publication(s) the numbers come from.", ["baselga2012"],
                              default_factory=list, cites="required", cites_with="note")
    checked_against: list[str] = field(
        "Bibliography keys of the page(s) the numbers were read on: the publication itself, or a regulator's label, "
        "the registry record or a review that reports them. The site shows the rung of the check as provenance.",
        ["baselga2012"], default_factory=list, cites="optional")
    n: int | None = field("Patients analysed.", 808, default=None)
    arms: list[ArmOutcome] = field("Outcome per arm.", [], default_factory=list)
    hazard_ratio: HazardRatio | None = field("Hazard ratio with 95% CI.", {"value": 0.62, "ci_low": 0.51, "ci_high": 0.75}, default=None)
    p_value: str | None = field("The p-value exactly as printed in the publication.", "<0.001", default=None)
    supersedes: list[Slug] = field("Ids of earlier results of this trial that this analysis replaces.", ["interim-os"], default_factory=list)
    note: str | None = field("Markdown note on the analysis (crossover, censoring, ...).", "Crossover allowed.", default=None,
                             cites="optional")


class PriorExposure(Strict):
    """The therapies the trial required, allowed or excluded before entry, as its prior-therapy text says;
    an exposure the text does not mention is left out (unknown, not excluded)."""

    required: list[Slug] = field("Exposure term ids every patient had received.", ["trastuzumab", "taxane"],
                                 default_factory=list, terms="exposure")
    allowed: list[Slug] = field("Exposure term ids some patients had received (allowed, not required).", ["cdk46-inhibitor"],
                                default_factory=list, terms="exposure")
    excluded: list[Slug] = field("Exposure term ids that excluded a patient.", ["endocrine-therapy"],
                                 default_factory=list, terms="exposure")


class Trial(RecordBase):
    acronym: str = field("The trial's acronym or short name.", "CLEOPATRA", min_length=1)
    title: str = field("A descriptive title.", "Pertuzumab plus trastuzumab and docetaxel", min_length=1)
    nct: Annotated[str, StringConstraints(pattern=NCT_PATTERN)] | None = field(
        "ClinicalTrials.gov registry id: NCT followed by 8 digits.", "NCT00567190", default=None)
    phase: Literal["1", "1/2", "2", "2/3", "3", "4"] = field("Trial phase, as a quoted string.", "3")
    design: str = field("Design in a few words.", "Randomised, double-blind, placebo-controlled", min_length=1)
    level_of_evidence: Level = field("ESMO level of evidence of the trial (I-V); see the methods page.", "I")
    subtypes: list[Slug] = field("Subtype ids of the population.", ["her2-positive"], min_length=1, links_to="subtypes")
    line: str = field("Setting or line of therapy.", "First line", min_length=1)
    prior_therapy: str = field("Prior therapy required or allowed.", "No chemotherapy for metastatic disease", min_length=1)
    population: str = field("Who was enrolled.", "HER2-positive metastatic breast cancer", min_length=1)
    # The structured population: the free text above keeps the nuance, these terms can be filtered and matched.
    lines: list[Slug] = field("Line term ids the trial enrolled in (any-line when it set no line).", ["first-line"],
                              min_length=1, terms="line")
    after_adjuvant_months: int | None = field(
        "Where the trial defines it: relapse during (neo)adjuvant therapy or within this many months of its end counts "
        "as the lines above.", 12, default=None, gt=0)
    prior_exposure: PriorExposure = field("Prior exposures required, allowed or excluded, as vocabulary terms.",
                                          {"required": ["trastuzumab"]})
    selected_by: list[Slug] = field("Biomarker term ids every enrolled patient had (empty when the trial did not select).",
                                    ["esr1-mutated"], terms="biomarker")
    arms: list[Arm] = field("The arms (one for single-arm trials).", [{"id": "experimental", "label": "T-DXd"}], min_length=1)
    primary_endpoint: str = field("The primary endpoint.", "Progression-free survival by independent review", min_length=1)
    results: list[Result] = field("Results, one per endpoint per analysis, each from its publication.", [], default_factory=list)

KIND = Kind(folder="trials", singular="trial", title="Trials", model=Trial, nav_order=5, label_field="acronym")
