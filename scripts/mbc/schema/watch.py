"""The watch list (evidence/watch.yaml): pending decisions and expected readouts. It is one file,
not a record kind: its items are shown on the "What's new and what's next" page."""

from typing import Literal

from .base import Day, PartialDay, Slug, Strict, field


class WatchItem(Strict):
    id: Slug = field("Item id, unique within the watch list.", "camizestrant-ema-decision")
    kind: Literal["regulatory-decision", "readout", "publication"] = field(
        "What is awaited: a regulator's decision, a trial's readout, or the publication of a result.", "regulatory-decision")
    what: str = field("Markdown: what is expected, in your own words, cited.", "EMA decision on camizestrant [@key].", min_length=1,
                      cites="optional")
    expected: PartialDay = field("When it is expected, as the cited source says: YYYY-MM-DD, YYYY-MM or YYYY.", "2027-03")
    agency: Literal["FDA", "EMA", "MHRA", "PMDA", "NMPA", "Health Canada"] | None = field(
        "The regulator, for a regulatory decision.", "EMA", default=None)
    drugs: list[Slug] = field("Drug ids concerned.", ["camizestrant"], default_factory=list, links_to="drugs")
    trials: list[Slug] = field("Trial ids concerned.", ["serena-6"], default_factory=list, links_to="trials")
    cites: list[str] = field("Bibliography keys of the source(s) stating the expectation.", ["key2026"], default_factory=list,
                             cites="required", cites_with="what")
    added: Day = field("The day the item was added (YYYY-MM-DD): record changes after it resolve the item.", "2026-12-02")


class WatchList(Strict):
    last_reviewed: Day = field("The date the watch list was last checked (YYYY-MM-DD).", "2026-12-02")
    items: list[WatchItem] = field("Pending decisions and expected readouts.", [], default_factory=list)
