"""Whether a trial's population matches a setting, read from their vocabulary terms.

A trial matches a setting when a patient of the setting could have entered the trial:
- the trial enrolled the setting's subtype, in the setting's line (or in any line);
- every exposure the trial required is one the setting's patients had (or a narrower kind of it);
- every exposure of the setting was required or allowed by the trial (itself or a broader term),
  and none was excluded;
- every biomarker result the trial selected on is one the setting's patients have (or a narrower
  kind of it). A setting may be narrower than an unselected trial (ESR1-mutated within all comers):
  its option then cites the trial's results in that subgroup.
"""

from .declarations import record_terms


def lineage(term: str, terms: dict) -> list[str]:
    """The term and its broader terms, nearest first (a cycle or unknown term ends the walk)."""
    chain = [term]
    while (broader := getattr(terms.get(chain[-1]), "broader", None)) and broader not in chain:
        chain.append(broader)
    return chain


def _covers(wanted: str, had: list[str], terms: dict) -> bool:
    """True when one of the terms in had is wanted or a narrower kind of it."""
    return any(wanted in lineage(term, terms) for term in had)


def mismatches(setting, trial, corpus) -> list[str]:
    """Why the trial's population does not match the setting, one sentence each (empty when it does).

    Unknown terms and subtypes are reported by their own rules (TERM-UNKNOWN, LINK-UNRESOLVED), so a
    pair that uses one is not compared: each cause is reported once."""
    used = record_terms(setting) + record_terms(trial)
    if any(term not in corpus.terms(section) for _, section, term in used) or corpus.get("subtypes", setting.subtype) is None:
        return []
    exposures, biomarkers = corpus.terms("exposure"), corpus.terms("biomarker")
    found = []
    if setting.subtype not in trial.subtypes:
        found.append(f"the trial did not enrol the subtype '{setting.subtype}' (it enrolled {', '.join(trial.subtypes)})")
    if setting.line not in trial.lines and "any-line" not in trial.lines:
        found.append(f"the trial enrolled in {', '.join(trial.lines)}, not in {setting.line}")
    prior = trial.prior_exposure
    for required in prior.required:
        if not _covers(required, setting.prior_exposure, exposures):
            found.append(f"the trial required previous {required}, which the setting does not list")
    for had in setting.prior_exposure:
        chain = lineage(had, exposures)
        if set(chain) & set(prior.excluded):
            found.append(f"the trial excluded patients with previous {had}")
        elif not set(chain) & set(prior.required + prior.allowed):
            found.append(f"the trial neither required nor allowed previous {had}")
    for selected in trial.selected_by:
        if not _covers(selected, setting.biomarkers, biomarkers):
            found.append(f"the trial selected patients by {selected}, which the setting does not require")
    return found


def is_randomised(result, trial) -> bool:
    """A result compares arms of a controlled trial: it has a hazard ratio, or outcomes for two arms
    of a trial with a control arm."""
    return result.hazard_ratio is not None or (len(result.arms) >= 2 and any(arm.control for arm in trial.arms))
