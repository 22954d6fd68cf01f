"""Events from documents, and one node per real event: the ``extract`` stage.

>>> from timeline.extract import extract_events, merge_events

``extract_events(doc, timexes, sentences)`` returns one :class:`~timeline.model.Event` per
event mention; ``merge_events(events)`` merges mentions of the same event, within and across
documents, into :class:`~timeline.model.MergedEvent` values (deterministic, order-free).
The event types and their trigger words live in the ontology (``tl:trigger``); actors and
places in ``timeline/data/gazetteer.tsv``.
"""

from .events import extract_events
from .merge import merge_events

__all__ = ["extract_events", "merge_events"]
