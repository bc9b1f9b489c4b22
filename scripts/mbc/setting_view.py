"""What a setting page (and the evidence finder) shows of a setting: its options table, the rows of
its forest plot, and each option's regulatory status derived from its first drug's decisions."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from .plots import Estimate, forest_svg, history_svg
from .results import median_number, median_text, superseded_by
from .schema import earliest_day

AGENCIES = {"US": "FDA", "EU": "EMA"}
STATUS_WORDS = {"approval": "approved", "full-approval": "approved", "label-change": "approved (label change)",
                "accelerated-approval": "accelerated approval", "conditional-approval": "conditional approval",
                "withdrawal": "withdrawn", "refusal": "not approved", "application-withdrawn": "not approved"}
ENDPOINTS = {"PFS": re.compile(r"^PFS\b"), "OS": re.compile(r"^OS\b")}  # PFS2 and "12-month PFS rate" are neither
NEW_FOR = timedelta(days=365)


def endpoint_family(result) -> str | None:
    return next((name for name, pattern in ENDPOINTS.items() if pattern.match(result.endpoint)), None)


def _effect(result) -> str:
    """'63.9 vs 51.4 months; HR 0.76 (0.63 to 0.93)' for a table cell."""
    arms = [o for o in result.arms if o.median is not None]
    units = {o.unit for o in arms if o.median != "NR"}
    if len(units) == 1:  # "63.9 vs 51.4 months"
        parts = [" vs ".join(median_number(o) for o in arms) + f" {units.pop()}"]
    else:
        parts = [" vs ".join(median_text(o).split(" (")[0] for o in arms)] if arms else []
    hr = result.hazard_ratio
    if hr:
        parts.append(f"HR {hr.value:g}" + (f" ({hr.ci_low:g} to {hr.ci_high:g})" if hr.ci_low is not None else ""))
    return "; ".join(parts)


def _n(result) -> int | None:
    return result.n or sum(o.n for o in result.arms if o.n) or None


def _current(trial, result_ids) -> dict[str, object]:
    """Endpoint family -> the first listed result of that family that no later analysis replaced."""
    replaced = superseded_by(trial)
    found = {}
    for result in (r for r in trial.results if r.id in result_ids and r.id not in replaced):
        family = endpoint_family(result)
        if family and family not in found:
            found[family] = result
    return found


def regulatory_status(corpus, setting_id: str, option, agency: str, snapshot: date) -> dict | None:
    """The latest decision of the agency on the option's first drug that names this setting, as of the snapshot."""
    drug = corpus.get("drugs", option.regimen[0])
    events = [e for e in (drug.model.regulatory if drug else []) if e.agency == agency and setting_id in e.settings
              and earliest_day(e.date) <= snapshot]
    if not events:
        return None
    event = max(events, key=lambda e: e.date)
    return {"word": STATUS_WORDS[event.event], "date": event.date, "event": event, "drug": drug}


def option_rows(page, record) -> list[dict]:
    """One row per option and supporting trial, with the numbers the options table and forest plot show."""
    corpus = page.site.corpus
    snapshot = corpus.snapshot_day()
    rows = []
    for option in record.model.options:
        status = {region: regulatory_status(corpus, record.id, option, agency, snapshot) for region, agency in AGENCIES.items()}
        for support in option.support:
            trial_record = corpus.get("trials", support.trial)
            trial = trial_record.model
            current = _current(trial, support.results)
            rows.append({
                "option": option, "trial": trial, "trial_link": page.ids("trials", [trial.id]),
                "regimen": page.ids("drugs", option.regimen),
                "comparator": "; ".join(a.label for a in trial.arms if a.control) or "none (single arm)",
                "n": next((_n(r) for r in current.values() if _n(r)), None),
                "effects": {name: ({"text": _effect(r), "cite": page.cite(r.source), "result": r} if r else None)
                            for name in ENDPOINTS for r in [current.get(name)]},
                "status": {region: s and {"word": s["word"], "badge": badge(s["word"]), "date": s["date"],
                                           "cite": page.cite(s["event"].cites)}
                           for region, s in status.items()},
                "new": option.added >= snapshot - NEW_FOR,
            })
    return rows


@dataclass(frozen=True)
class Forest:
    """The rows' hazard ratios as plotted (one label per plotted row, one panel per endpoint) and as a table."""

    labels: list[str]
    panels: dict[str, list[Estimate | None]]
    table: list[dict]

    def svg(self) -> str | None:
        """The forest plot, None when no row has a hazard ratio (drawn only when a page needs it)."""
        return forest_svg(self.labels, self.panels) if self.labels else None


def forest(rows) -> Forest:
    labels, panels, table = [], {name: [] for name in ENDPOINTS}, []
    for row in rows:
        estimates = {}
        for name, effect in row["effects"].items():
            hr = effect["result"].hazard_ratio if effect else None
            estimates[name] = hr and Estimate(row["option"].label, hr.value, hr.ci_low, hr.ci_high, _n(effect["result"]))
        if not any(estimates.values()):
            continue
        labels.append(f"{row['option'].label} ({row['trial'].acronym})")
        for name, estimate in estimates.items():
            panels[name].append(estimate)
            if estimate:
                table.append({"row": labels[-1], "endpoint": name, "estimate": estimate})
    return Forest(labels, panels, table)


def history(trial) -> tuple[str | None, list[Estimate]]:
    """A trial's PFS and OS hazard ratios by publication date, superseded analyses marked."""
    replaced = superseded_by(trial)
    points = []
    for result in sorted(trial.results, key=lambda r: (r.published, r.id)):
        family, hr = endpoint_family(result), result.hazard_ratio
        if family and hr:
            day = earliest_day(result.published)
            points.append(Estimate(f"{family} {result.id}", hr.value, hr.ci_low, hr.ci_high, _n(result),
                                   when=day.year + (day.timetuple().tm_yday - 1) / 366, superseded=result.id in replaced))
    if not points:
        return None, []
    return history_svg(points, f"{trial.acronym}: PFS and OS hazard ratios as published"), points


def badge(word: str) -> Markup:
    """A status word as a class name: 'accelerated approval' -> 'accelerated-approval'."""
    return Markup(re.sub(r"[^a-z]+", "-", word.lower()).strip("-"))
