"""How trial results read on the pages: medians, current analyses, superseded ones, provenance."""

from markupsafe import Markup

from .text import plain


def superseded_by(trial) -> dict[str, str]:
    """Result id -> the id of the later analysis that replaces it."""
    return {earlier: result.id for result in trial.results for earlier in result.supersedes}


def median_number(outcome) -> str:
    return "not reached" if outcome.median == "NR" else f"{outcome.median:g}"


def _median_value(outcome) -> str:
    return median_number(outcome) if outcome.median == "NR" else f"{median_number(outcome)} {outcome.unit}"


def median_text(outcome) -> str:
    """A median with its unit and 95% CI as printed, e.g. '18.5 months (15.2 to 23.7)'."""
    if outcome.median is None:
        return ""
    if outcome.ci_low is None:
        return _median_value(outcome)
    high = f"{outcome.ci_high:g}" if outcome.ci_high is not None else "NR"
    return f"{_median_value(outcome)} ({outcome.ci_low:g} to {high})"


def current_results(trial) -> list[tuple[str, list[str]]]:
    """The analyses no later analysis replaces, each as one line of text with its sources.

    Drug and subtype pages show these next to each trial, so that readers can compare what
    each agent added without opening every trial page.
    """
    replaced = superseded_by(trial)
    lines = []
    for result in sorted(trial.results, key=lambda r: (r.published, r.id)):
        medians = [o for o in result.arms if o.median is not None]
        if result.id in replaced or not (result.hazard_ratio or medians):
            continue
        text = result.endpoint
        if len(medians) == 2 and medians[0].unit == medians[1].unit:
            text += f" {' vs '.join(median_number(o) for o in medians)} {medians[0].unit}"
        elif len(medians) == 2:
            text += " " + " vs ".join(_median_value(o) for o in medians)
        elif len(medians) == 1:
            text += " " + _median_value(medians[0])
        if result.hazard_ratio:
            hr = result.hazard_ratio
            ci = f" ({hr.ci_low:g} to {hr.ci_high:g})" if hr.ci_low is not None and hr.ci_high is not None else ""
            text += f", HR {hr.value:g}{ci}"
        lines.append((text, result.source))
    return lines


def _effect_sentence(result, page) -> Markup:
    """'Hazard ratio 0.62 (95% CI 0.51 to 0.75); p <0.001. Patients analysed: 808. Source: [1]'."""
    parts = []
    hr = result.hazard_ratio
    if hr:
        ci = f" (95% CI {hr.ci_low} to {hr.ci_high})" if hr.ci_low is not None else ""
        parts.append(f"Hazard ratio {hr.value}{ci}" + (f"; p {result.p_value}" if result.p_value else "") + ".")
    elif result.p_value:
        parts.append(f"p {result.p_value}.")
    if result.n:
        parts.append(f"Patients analysed: {result.n}.")
    parts.append("Source:")
    return Markup(" ").join([plain(" ".join(parts)), page.cite(result.source)])


def _provenance(result, references) -> dict | None:
    """The rung of the ladder the numbers were checked on, with the page, for the provenance badge."""
    found = check_rung(result, references)
    if found is None:
        return None
    rung, ref = found
    return {"rung": rung, "source": ref.get("verified_source"), "url": ref.get("verified_url"), "key": ref.key}


def result_views(trial, page, references) -> list[dict]:
    """Each analysis as the trial page shows it, oldest first."""
    replaced_by = superseded_by(trial)
    arms = {arm.id: arm for arm in trial.arms}
    # The heading's anchor is attr_list syntax, which Jinja would read as a comment opener.
    return [{"result": page.view(r), "superseded_by": replaced_by.get(r.id), "effect": _effect_sentence(r, page),
             "anchor": Markup("{#result-") + plain(r.id) + Markup("}"),
             "provenance": _provenance(r, references) if has_numbers(r) else None,
             "arms": [{"label": arms[o.arm].label, "outcome": o, "median": median_text(o)} for o in r.arms]}
            for r in sorted(trial.results, key=lambda r: (r.published, r.id))]


def has_numbers(result) -> bool:
    """True when a result states any figure a reader could take from it."""
    return bool(result.n or result.hazard_ratio or result.p_value
                or any(o.n or o.median is not None or o.rate is not None for o in result.arms))


def check_rung(result, references) -> tuple[str, object] | None:
    """The best rung on which a result's numbers were checked, with the entry checked.

    The paper itself ranks by how its entry was verified; a regulator's or registry page ranks
    as such; any other page that reports the numbers (a review, a news item) is secondary.
    """
    order = ["primary", "regulator", "registry", "secondary"]
    found = []
    for key in result.checked_against:
        ref = references.get(key)
        if ref is None or ref.rung is None:
            continue
        rung = ref.rung if key in result.source or ref.rung in ("regulator", "registry") else "secondary"
        found.append((order.index(rung), rung, ref))
    return min(found, key=lambda f: f[0])[1:] if found else None
