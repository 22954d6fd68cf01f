"""The dev corpus (``benchmarks/dev``) against its gold: floors, not targets.

The dev articles were written for the project in the styles of real sources and annotated
before the rules were tuned on them. These tests keep the scores from sliding back; they
do not time anything (speed is measured by ``benchmarks/event_eval.py``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("event_eval", ROOT / "benchmarks" / "event_eval.py")
assert _spec is not None and _spec.loader is not None
event_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(event_eval)

SETS = {
    "dev": (event_eval.GOLD_DIR / "dev.jsonl", event_eval.DEV),
    "examples": (event_eval.GOLD_DIR / "examples.jsonl", event_eval.EXAMPLES),
    "dev2": (event_eval.GOLD_DIR / "dev2.jsonl", event_eval.DEV2),
    "dev3": (event_eval.GOLD_DIR / "dev3.jsonl", event_eval.DEV3),
    "dev4": (event_eval.GOLD_DIR / "dev4.jsonl", event_eval.DEV4),
    "dev5": (event_eval.GOLD_DIR / "dev5.jsonl", event_eval.DEV5),
    "dev6": (event_eval.GOLD_DIR / "dev6.jsonl", event_eval.DEV6),
}
# floors a little under the scores at the time of writing (dev 0.87 / 0.95 / attribution 1.00)
# dev2 was annotated blind (first run 0.55 / 0.49 / 0.81), then tuned on (0.87 / 0.87 / 0.88)
# dev3 likewise (first run 0.64 / 0.43 / 1.00), then tuned on
# dev4 likewise (first run 0.72 / 0.55 / 1.00), then tuned on (0.82 / 0.86 / 1.00)
# dev5 likewise (first run 0.57 / 0.45 / 0.95), then tuned on (0.78 / 0.68 / 0.97)
# dev6 likewise (first run 0.81 / 0.62 / 0.95), then tuned on (0.93 / 0.82 / 0.93)
FLOORS = {"dev": (0.82, 0.90, 0.90), "examples": (0.95, 0.95, 0.95), "dev2": (0.82, 0.82, 0.82), "dev3": (0.64, 0.58, 0.90),
          "dev4": (0.76, 0.80, 0.90), "dev5": (0.72, 0.62, 0.90),
          "dev6": (0.86, 0.76, 0.88)}


@pytest.fixture(scope="module", params=sorted(SETS))
def result(request):
    gold, folder = SETS[request.param]
    res, _ = event_eval.run(gold, folder)
    return request.param, res


def test_gold_points_at_unchanged_sentences(result):
    """Every gold sentence still has the text it was annotated on (no stale offsets)."""
    _, res = result
    assert res["stale_gold"] == 0


def test_scores_stay_above_their_floors(result):
    """Precision, recall and attribution accuracy do not fall below the recorded floors."""
    name, res = result
    p, r, a = FLOORS[name]
    assert res["precision"] >= p, [(e.type, e.label) for e in res["alarms"]]
    assert res["recall"] >= r, [g["note"] for g in res["misses"]]
    assert res["attribution_accuracy"] >= a


def test_dev_documents_come_in_every_source_style():
    """The dev corpus keeps its mix of formats: text, Markdown and HTML pages."""
    suffixes = {p.suffix for p in event_eval.DEV.iterdir()}
    assert {".txt", ".md", ".html"} <= suffixes
    assert 12 <= len([p for p in event_eval.DEV.iterdir() if p.suffix in suffixes]) <= 15
