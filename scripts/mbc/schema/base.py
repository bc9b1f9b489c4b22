"""What every record kind shares: the strict base model, field declarations, ids and dates."""

import re
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NCT_PATTERN = r"^NCT\d{8}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _day(value) -> date:
    """A calendar day written YYYY-MM-DD. Dates arrive as text (see yaml_source) and are parsed
    here, so an impossible date is reported at its position; a number is never read as a date
    (pydantic's lax mode would take 20261121 as seconds since 1970)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.match(DAY_PATTERN, value):
        raise PydanticCustomError("date_format", "write the date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_format", "{text} is not a calendar date", {"text": value}) from None


Day = Annotated[date, BeforeValidator(_day)]


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

    # .nan and .inf are not numbers a publication prints. A whole number is accepted where a
    # decimal is expected (strict mode allows int for float): a hazard ratio of 1 or a median of
    # 12 months is written as printed, and means the same value as 1.0 or 12.0.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def field(description: str, example, *, links_to: str | None = None, cites: str | None = None,
          cites_with: str | None = None, terms: str | None = None, **kwargs):
    """A schema field whose description and example reach errors, editors and the reference page.

    The declarations below are read by every part that follows links or citations (the checks,
    back-links, the export, the hostile-input tests, the schema reference), and they appear in
    the JSON Schema as x-links-to / x-cites so editors see them too:
    - links_to: the field holds ids of records of this kind (folder name, e.g. "drugs");
    - cites: "required" or "optional": the field holds Markdown that may cite with [@key], or
      (for a list) bibliography keys; a required place must cite at least once;
    - cites_with: a sibling Markdown field whose [@key] citations count for this place too;
    - terms: the field holds term ids of this section of the controlled vocabulary
      (evidence/vocabulary.yaml: "line", "exposure" or "biomarker").
    """
    extra = {name: value for name, value in (("x-links-to", links_to), ("x-cites", cites), ("x-cites-with", cites_with),
                                             ("x-terms", terms)) if value}
    return Field(description=description, examples=[example], json_schema_extra=extra or None, **kwargs)


class Statement(Strict):
    text: str = field("Markdown in your own words; cite with pandoc keys such as [@baselga2012].",
                      "Adding pertuzumab prolonged progression-free survival [@baselga2012].", min_length=1, cites="required")
    grade: Grade | None = field("ESMO grade of recommendation (A-E), only when the cited guideline gives it.", "A", default=None)
    level: Level | None = field("ESMO level of evidence (I-V), only when the cited guideline gives it.", "I", default=None)


class RecordBase(Strict):
    id: Slug = field("The record id: a lowercase slug equal to the file name without .yaml.", "cleopatra")
    status: Status = field("draft (not yet clinically reviewed), reviewed, or retired (kept for history).", "draft")
    last_reviewed: Day = field("The date the record was last checked against its sources (YYYY-MM-DD).", "2026-11-21")
    reviewed_by: list[str] = field("Names of the clinicians who reviewed the record; may be empty for drafts.",
                                   ["A. Reviewer"], default_factory=list)
    retired_reason: str | None = field("Why a retired record is kept: what replaced it (Markdown, cited).",
                                       "Superseded by [@swain2015].", default=None, cites="optional")
    statements: list[Statement] = field("Key statements, each citing its evidence.",
                                        [{"text": "Statement [@key]."}], default_factory=list)
