"""The single table of validation rules: a stable id, a severity and one sentence each.

Rule ids are part of the contributor interface (they appear in CI logs and in the
schema reference), so never rename one; retire it instead.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" fails the build; "warning" is reported and flagged on the site
    sentence: str


_RULES = [
    # Reading files
    Rule("FILE-ENCODING", "error", "Every record and the bibliography must be valid UTF-8."),
    Rule("FILE-LOCATION", "error", "Records live in evidence/<kind>/<id>.yaml, in a folder named after a known kind."),
    Rule("YAML-SYNTAX", "error", "The file must be well-formed YAML holding one mapping."),
    Rule("YAML-DUPLICATE-KEY", "error", "A key may appear only once in a mapping; later values would silently replace earlier ones."),
    Rule("YAML-ALIAS", "error", "YAML anchors and aliases are not allowed, so that every value is written where it is used."),
    # Shape of a record
    Rule("SCHEMA-UNKNOWN-FIELD", "error", "Only the fields defined in the schema are allowed, so nothing written is ignored."),
    Rule("SCHEMA-MISSING-FIELD", "error", "Every required field of the record kind must be present."),
    Rule("SCHEMA-INVALID", "error", "Every field must have the type and form the schema defines."),
    Rule("SCHEMA-DATE", "error", "Dates are real calendar dates written YYYY-MM-DD."),
    # Identity and integrity
    Rule("ID-FILENAME", "error", "A record's id must equal its file name without .yaml."),
    Rule("ID-DUPLICATE", "error", "Ids of arms, results and nodes must be unique within their record."),
    Rule("LINK-UNRESOLVED", "error", "Every id that names another record, arm, result or node must exist."),
    Rule("REVIEW-REVIEWER", "error", "A record with status reviewed names at least one reviewer."),
    Rule("TERM-UNKNOWN", "error", "Every line, exposure and biomarker term a record uses is defined in evidence/vocabulary.yaml."),
    Rule("DATE-FUTURE", "error", "No date may lie in the future."),
    # Plausibility of numbers
    Rule("PLAUS-HR", "error", "A hazard ratio is greater than zero and lies within its confidence interval."),
    Rule("PLAUS-CI", "error", "The lower bound of a confidence interval is not above the upper bound."),
    Rule("PLAUS-MEDIAN", "error", "Medians are not negative and rates lie between 0 and 100 per cent."),
    Rule("PLAUS-N", "error", "Patient numbers are greater than zero and arm numbers do not exceed the total."),
    Rule("PLAUS-RESULT-DATE", "warning", "A result is dated in its source's year of publication, or the year before (online first)."),
    # Citations and bibliography
    Rule("CITE-MISSING", "error", "Every statement, result, regulatory event, treatment line and pathway action cites at least one reference."),
    Rule("CITE-UNKNOWN", "error", "Every cited key exists in evidence/references.bib."),
    Rule("BIB-PARSE", "error", "Every block of the bibliography parses as a BibTeX entry; nothing is skipped."),
    Rule("BIB-DUPLICATE-KEY", "error", "Each bibliography key is used by one entry only."),
    Rule("BIB-FIELD-MISSING", "error", "Every article has author, title, journal and year; a regulator's page (@misc) has author, title, year and url."),
    Rule("BIB-NO-IDENTIFIER", "warning", "Every article records its DOI or PMID, so readers can reach it; until then it is flagged."),
    Rule("BIB-ID-FORMAT", "error", "DOI, PMID and PMCID fields are well-formed."),
    Rule("BIB-DUPLICATE-ID", "error", "No two entries share a DOI or a PMID."),
    Rule("BIB-UNCITED", "error", "Every bibliography entry is cited by at least one record."),
    Rule("BIB-UNVERIFIED", "warning", "Every entry records how it was verified: verified_source, verified_url and verified_on."),
    # Provenance and currency
    Rule("RESULT-UNCHECKED", "warning", "Every result with numbers names, in checked_against, the page its numbers were read on."),
    Rule("TEXT-PROVENANCE", "error", "Clinical text holds no remarks on verification; provenance lives in the bibliography and checked_against."),
    Rule("WATCH-OVERDUE", "warning", "A watch-list item whose expected date has passed is resolved by a record change, or its date is updated."),
    # Settings and their options
    Rule("SETTING-POPULATION", "error", "Every trial supporting an option enrolled the setting's subtype and line, and patients with its prior exposures and biomarker results."),
    Rule("SETTING-EVIDENCE", "error", "Every option cites at least one randomised result (comparing arms of a controlled trial), or is marked single-arm."),
    Rule("SETTING-REGULATORY", "error", "A regulatory decision names only settings with an option led by its drug, so the regulatory column agrees with the drug records."),
    # Pathways (decision flowcharts)
    Rule("PATHWAY-ENTRY", "error", "A pathway has exactly one entry node."),
    Rule("PATHWAY-TARGET", "error", "Every branch and next step points to a node of the same pathway."),
    Rule("PATHWAY-UNREACHABLE", "error", "Every node of a pathway is reachable from its entry."),
    Rule("PATHWAY-CYCLE", "error", "A pathway has no cycles: it is a decision tree read top to bottom."),
    Rule("PATHWAY-BRANCH-LABEL", "error", "The branch labels of one question are distinct."),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
