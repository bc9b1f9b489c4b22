"""Settings: a subtype, a line, prior exposures and biomarker results, with the options for it and
the randomised results that support each option."""

from typing import Literal

from ..kinds import Kind
from .base import Day, RecordBase, Slug, Statement, Strict, field


class Support(Strict):
    trial: Slug = field("Id of the trial whose results support the option.", "cleopatra", links_to="trials")
    results: list[Slug] = field("Ids of the trial's results that support the option (PFS and OS analyses, say).",
                                ["primary-pfs", "final-os"], min_length=1)


class Option(Strict):
    """An option of a setting. Its comparator is read from the control arms of its trials and its
    regulatory status from its first drug's decisions: neither is typed here."""

    id: Slug = field("Option id, unique within the setting.", "pertuzumab-trastuzumab-taxane")
    label: str = field("The regimen in a few words.", "Pertuzumab + trastuzumab + a taxane", min_length=1)
    regimen: list[Slug] = field("Drug ids of the regimen, the drug the trial tested first: the regulatory decisions of that drug "
                                "which name this setting give the option's US and EU status.", ["pertuzumab", "trastuzumab", "docetaxel"],
                                min_length=1, links_to="drugs")
    support: list[Support] = field("The trials and results that support the option.", [{"trial": "cleopatra", "results": ["primary-pfs"]}],
                                   min_length=1)
    evidence: Literal["randomised", "single-arm"] = field(
        "randomised (the default): at least one supporting result compares arms with a hazard ratio; single-arm: the "
        "option rests on single-arm evidence only, and the page says so.", "randomised", default="randomised")
    statements: list[Statement] = field("Cited statements on the option's place; a guideline's grade or level only where a cited "
                                        "guideline gives it.", [{"text": "Standard first-line therapy [@key]."}], min_length=1)
    added: Day = field("The day the option was added to the setting (YYYY-MM-DD); pages mark options added in the last 12 months.",
                       "2026-11-21")


class Setting(RecordBase):
    title: str = field("The setting in a few words.", "HER2-positive, first line", min_length=1)
    subtype: Slug = field("Id of the subtype.", "her2-positive", links_to="subtypes")
    line: Slug = field("Line term id.", "first-line", terms="line")
    prior_exposure: list[Slug] = field("Exposure term ids every patient in the setting has received.", ["cdk46-inhibitor"],
                                       default_factory=list, terms="exposure")
    biomarkers: list[Slug] = field("Biomarker term ids every patient in the setting has.", ["esr1-mutated"],
                                   default_factory=list, terms="biomarker")
    description: str = field("Markdown: the setting in words, with the nuance the terms cannot carry; cite facts.",
                             "Untreated HER2-positive metastatic disease [@key].", min_length=1, cites="optional")
    options: list[Option] = field("The options for the setting, each with its supporting results.",
                                  [{"id": "pertuzumab-trastuzumab-docetaxel", "label": "Pertuzumab + trastuzumab + docetaxel",
                                    "regimen": ["pertuzumab", "trastuzumab", "docetaxel"],
                                    "support": [{"trial": "cleopatra", "results": ["primary-pfs"]}],
                                    "statements": [{"text": "Standard first-line therapy [@key]."}], "added": "2026-11-21"}],
                                  min_length=1)

KIND = Kind(folder="settings", singular="setting", title="Settings", model=Setting, nav_order=1, label_field="title",
            backlink_intro="Settings whose options rest on this record, with their options side by side")
