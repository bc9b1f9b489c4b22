"""The record schema, written once: validation, the JSON Schema files for editors and
the schema reference page are all generated from these models.

Every field has a description and an example, so the error message, the editor tooltip
and the reference page say the same thing. Cross-record rules (citations, links,
plausibility, pathway graphs) live in mbc.checks, not here.
"""

import re
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NCT_PATTERN = r"^NCT\d{8}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# Dates arrive as text (see yaml_source) and are parsed here, so an impossible date
# is reported at its position.
Day = Annotated[date, Field(strict=False)]
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def earliest_day(text: str) -> date:
    """The first day a partial date can mean: 2012 -> 2012-01-01."""
    year, month, day = (text.split("-") + ["01", "01"])[:3]
    return date(int(year), int(month), int(day))


def _partial_date(value) -> str:
    """A date known to the year, month or day: 2012, 2012-06 or 2012-06-08.

    Sources often give less than a day (a label says only "Initial U.S. Approval: 2012");
    the record keeps the precision the source gives rather than inventing a day.
    """
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not re.match(PARTIAL_DATE_PATTERN, text):
        raise PydanticCustomError("date_partial", "write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no more")
    try:
        earliest_day(text)
    except ValueError:
        raise PydanticCustomError("date_partial", "{text} is not a calendar date", {"text": text}) from None
    return text


PartialDay = Annotated[str, BeforeValidator(_partial_date),
                       WithJsonSchema({"type": ["string", "integer"], "pattern": PARTIAL_DATE_PATTERN})]
Grade = Literal["A", "B", "C", "D", "E"]
Level = Literal["I", "II", "III", "IV", "V"]
Status = Literal["draft", "reviewed", "retired"]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors and types are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True)


def field(description: str, example, **kwargs):
    """A schema field whose description and example reach errors, editors and the reference page."""
    return Field(description=description, examples=[example], **kwargs)


class Statement(Strict):
    text: str = field("Markdown in your own words; cite with pandoc keys such as [@baselga2012].",
                      "Adding pertuzumab prolonged progression-free survival [@baselga2012].", min_length=1)
    grade: Grade | None = field("ESMO grade of recommendation (A-E), only when the cited guideline gives it.", "A", default=None)
    level: Level | None = field("ESMO level of evidence (I-V), only when the cited guideline gives it.", "I", default=None)


class RecordBase(Strict):
    id: Slug = field("The record id: a lowercase slug equal to the file name without .yaml.", "cleopatra")
    status: Status = field("draft (not yet clinically reviewed), reviewed, or retired (kept for history).", "draft")
    last_reviewed: Day = field("The date the record was last checked against its sources (YYYY-MM-DD).", "2026-11-21")
    reviewed_by: list[str] = field("Names of the clinicians who reviewed the record; may be empty for drafts.",
                                   ["A. Reviewer"], default_factory=list)
    retired_reason: str | None = field("Why a retired record is kept: what replaced it (Markdown, cited).",
                                       "Superseded by [@swain2015].", default=None)
    statements: list[Statement] = field("Key statements, each citing its evidence.",
                                        [{"text": "Statement [@key]."}], default_factory=list)


# Subtypes ------------------------------------------------------------------------------

class Criterion(Strict):
    marker: Literal["ER", "PR", "HER2"] = field("The receptor the criterion concerns.", "HER2")
    status: str = field("The defining result for this marker.", "Positive (IHC 3+ or ISH-amplified)", min_length=1)


class TreatmentLine(Strict):
    line: str = field("The setting or line of therapy.", "First line", min_length=1)
    summary: str = field("Markdown summary of the options in this line, cited.",
                         "Pertuzumab, trastuzumab and a taxane [@baselga2012].", min_length=1)
    drugs: list[Slug] = field("Drug ids mentioned in this line.", ["pertuzumab"], default_factory=list)
    trials: list[Slug] = field("Trial ids supporting this line.", ["cleopatra"], default_factory=list)


class Subtype(RecordBase):
    name: str = field("Display name of the subtype.", "HER2-positive", min_length=1)
    criteria: list[Criterion] = field("The defining receptor criteria.", [{"marker": "HER2", "status": "Positive"}], min_length=1)
    treatment: list[TreatmentLine] = field("Treatment by setting and line.", [], default_factory=list)


# Drugs ---------------------------------------------------------------------------------

class RegulatoryEvent(Strict):
    agency: Literal["FDA", "EMA", "MHRA", "PMDA", "NMPA", "Health Canada"] = field("The regulator.", "FDA")
    date: PartialDay = field("Date of the decision: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no more.", "1998-09-25")
    event: Literal["approval", "accelerated-approval", "conditional-approval", "full-approval", "withdrawal",
                   "label-change", "refusal", "application-withdrawn"] = field(
        "What the regulator did: approval (accelerated, conditional or full), withdrawal of an approved indication, "
        "label change, refusal (a negative decision or opinion), or application-withdrawn (the company withdrew "
        "its application before a decision).", "approval")
    indication: str = field("The indication concerned, in your own words.", "HER2-overexpressing metastatic breast cancer", min_length=1)
    cites: list[str] = field("Bibliography keys documenting the event.", ["key2019"], default_factory=list)


class Drug(RecordBase):
    name: str = field("Generic name.", "Trastuzumab", min_length=1)
    brand_names: list[str] = field("Brand names.", ["Herceptin"], default_factory=list)
    drug_class: str = field("Pharmacological class.", "Anti-HER2 monoclonal antibody", min_length=1)
    targets: list[str] = field("Molecular targets.", ["HER2"], default_factory=list)
    mechanism: str = field("Markdown description of the mechanism of action, cited.", "Binds HER2 [@key].", min_length=1)
    subtypes: list[Slug] = field("Subtype ids where the drug is used.", ["her2-positive"], default_factory=list)
    regulatory: list[RegulatoryEvent] = field("Approvals, withdrawals and label changes, each cited.", [], default_factory=list)
    toxicities: list[Statement] = field("Notable toxicities, each cited.", [], default_factory=list)


# Trials --------------------------------------------------------------------------------

class Arm(Strict):
    id: Slug = field("Arm id, unique within the trial.", "experimental")
    label: str = field("What the arm received.", "Pertuzumab + trastuzumab + docetaxel", min_length=1)
    drugs: list[Slug] = field("Drug ids given in the arm (may be empty, e.g. physician's choice).", ["pertuzumab"], default_factory=list)
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
    source: list[str] = field("Bibliography keys of the publication(s) the numbers come from.", ["baselga2012"], default_factory=list)
    checked_against: list[str] = field(
        "Bibliography keys of the page(s) the numbers were read on: the publication itself, or a regulator's label, "
        "the registry record or a review that reports them. The site shows the rung of the check as provenance.",
        ["baselga2012"], default_factory=list)
    n: int | None = field("Patients analysed.", 808, default=None)
    arms: list[ArmOutcome] = field("Outcome per arm.", [], default_factory=list)
    hazard_ratio: HazardRatio | None = field("Hazard ratio with 95% CI.", {"value": 0.62, "ci_low": 0.51, "ci_high": 0.75}, default=None)
    p_value: str | None = field("The p-value exactly as printed in the publication.", "<0.001", default=None)
    supersedes: list[Slug] = field("Ids of earlier results of this trial that this analysis replaces.", ["interim-os"], default_factory=list)
    note: str | None = field("Markdown note on the analysis (crossover, censoring, ...).", "Crossover allowed.", default=None)


class Trial(RecordBase):
    acronym: str = field("The trial's acronym or short name.", "CLEOPATRA", min_length=1)
    title: str = field("A descriptive title.", "Pertuzumab plus trastuzumab and docetaxel", min_length=1)
    nct: Annotated[str, StringConstraints(pattern=NCT_PATTERN)] | None = field(
        "ClinicalTrials.gov registry id: NCT followed by 8 digits.", "NCT00567190", default=None)
    phase: Literal["1", "1/2", "2", "2/3", "3", "4"] = field("Trial phase, as a quoted string.", "3")
    design: str = field("Design in a few words.", "Randomised, double-blind, placebo-controlled", min_length=1)
    level_of_evidence: Level = field("ESMO level of evidence of the trial (I-V); see the methods page.", "I")
    subtypes: list[Slug] = field("Subtype ids of the population.", ["her2-positive"], min_length=1)
    line: str = field("Setting or line of therapy.", "First line", min_length=1)
    prior_therapy: str = field("Prior therapy required or allowed.", "No chemotherapy for metastatic disease", min_length=1)
    population: str = field("Who was enrolled.", "HER2-positive metastatic breast cancer", min_length=1)
    arms: list[Arm] = field("The arms (one for single-arm trials).", [{"id": "experimental", "label": "T-DXd"}], min_length=1)
    primary_endpoint: str = field("The primary endpoint.", "Progression-free survival by independent review", min_length=1)
    results: list[Result] = field("Results, one per endpoint per analysis, each from its publication.", [], default_factory=list)


# Pathways ------------------------------------------------------------------------------

class Branch(Strict):
    label: str = field("The answer that leads down this branch.", "Yes", min_length=1)
    to: Slug = field("Id of the node this branch leads to.", "action-tdxd")


class NodeBase(Strict):
    id: Slug = field("Node id, unique within the pathway.", "start")
    text: str = field("What the node says (Markdown, may cite).", "Visceral crisis?", min_length=1)
    cites: list[str] = field("Bibliography keys supporting the node.", [], default_factory=list)


class EntryNode(NodeBase):
    type: Literal["entry"] = field("Node type.", "entry")
    next: Slug = field("The first node after the entry.", "question-crisis")


class QuestionNode(NodeBase):
    type: Literal["question"] = field("Node type.", "question")
    branches: list[Branch] = field("The answers and where each leads (two or more).", [], min_length=2)


class ActionNode(NodeBase):
    type: Literal["action"] = field("Node type.", "action")
    drugs: list[Slug] = field("Drug ids of the regimen.", [], default_factory=list)
    trials: list[Slug] = field("Trial ids supporting the action.", [], default_factory=list)
    subtypes: list[Slug] = field("Subtype ids the action refers to.", [], default_factory=list)
    grade: Grade | None = field("ESMO grade, only when a cited guideline gives it.", None, default=None)
    next: Slug | None = field("Optional following node.", None, default=None)


class NoteNode(NodeBase):
    type: Literal["note"] = field("Node type.", "note")
    next: Slug | None = field("Optional following node.", None, default=None)


class LinkNode(NodeBase):
    type: Literal["link"] = field("Node type.", "link")
    pathway: Slug = field("Id of the pathway this node continues in.", "her2-positive-later-lines")


Node = Annotated[Union[EntryNode, QuestionNode, ActionNode, NoteNode, LinkNode], Field(discriminator="type")]


class Pathway(RecordBase):
    title: str = field("Title of the flowchart.", "HER2-positive disease after trastuzumab", min_length=1)
    subtypes: list[Slug] = field("Subtype ids the pathway applies to.", ["her2-positive"], default_factory=list)
    summary: str = field("Markdown introduction to the flowchart, cited where it states facts.", "Scope of this pathway.", min_length=1)
    nodes: list[Node] = field("The nodes of the flowchart.", [], min_length=1)


class TherapyOption(Strict):
    result: str = field("The test result that opens the option.", "PIK3CA mutation detected", min_length=1)
    setting: str = field("The disease setting and line in which the option applies.",
                         "HR-positive/HER2-negative, after progression on endocrine therapy", min_length=1)
    drugs: list[Slug] = field("Drug ids the result makes available.", ["alpelisib"], min_length=1)
    trials: list[Slug] = field("Trial ids that selected patients by this result.", ["solar-1"], default_factory=list)
    summary: str = field("Markdown summary of the evidence for the option, cited.", "Alpelisib ... [@andre2019].", min_length=1)


class Biomarker(RecordBase):
    name: str = field("Display name of the biomarker.", "PIK3CA mutation", min_length=1)
    measures: str = field("What is measured, in a few words.", "Activating mutations of the PIK3CA gene in tumour DNA", min_length=1)
    subtypes: list[Slug] = field("Subtype ids in which the biomarker guides therapy.", ["hr-positive-her2-negative"], default_factory=list)
    who: str = field("Markdown: who is tested, cited.", "Patients with HR-positive/HER2-negative disease [@key].", min_length=1)
    when: str = field("Markdown: when in the course of the disease the test is done, cited.", "At progression [@key].", min_length=1)
    sample: str = field("Markdown: which sample is tested (tissue, blood/ctDNA, germline), cited.", "Tumour tissue or plasma [@key].", min_length=1)
    method: str = field("Markdown: assays and cut-offs as the trials or guidelines define them, cited.", "PCR or sequencing [@key].", min_length=1)
    options: list[TherapyOption] = field("The therapy options the result opens, each cited.", [], min_length=1)


# The kinds, keyed by their folder under evidence/ ----------------------------------------

KINDS: dict[str, type[RecordBase]] = {
    "subtypes": Subtype,
    "drugs": Drug,
    "trials": Trial,
    "pathways": Pathway,
    "biomarkers": Biomarker,
}

KIND_TITLES = {"subtypes": "Subtypes", "drugs": "Drugs", "trials": "Trials", "pathways": "Pathways", "biomarkers": "Biomarkers"}


# The watch list (evidence/watch.yaml): what is expected next ------------------------------

class WatchItem(Strict):
    id: Slug = field("Item id, unique within the watch list.", "camizestrant-ema-decision")
    kind: Literal["regulatory-decision", "readout", "publication"] = field(
        "What is awaited: a regulator's decision, a trial's readout, or the publication of a result.", "regulatory-decision")
    what: str = field("Markdown: what is expected, in your own words, cited.", "EMA decision on camizestrant [@key].", min_length=1)
    expected: PartialDay = field("When it is expected, as the cited source says: YYYY-MM-DD, YYYY-MM or YYYY.", "2027-03")
    agency: Literal["FDA", "EMA", "MHRA", "PMDA", "NMPA", "Health Canada"] | None = field(
        "The regulator, for a regulatory decision.", "EMA", default=None)
    drugs: list[Slug] = field("Drug ids concerned.", ["camizestrant"], default_factory=list)
    trials: list[Slug] = field("Trial ids concerned.", ["serena-6"], default_factory=list)
    cites: list[str] = field("Bibliography keys of the source(s) stating the expectation.", ["key2026"], default_factory=list)
    added: Day = field("The day the item was added (YYYY-MM-DD): record changes after it resolve the item.", "2026-12-02")


class WatchList(Strict):
    last_reviewed: Day = field("The date the watch list was last checked (YYYY-MM-DD).", "2026-12-02")
    items: list[WatchItem] = field("Pending decisions and expected readouts.", [], default_factory=list)
