"""Shared fixtures: the repository's examples and, where present, the real seed articles."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real seed articles beside the checkout; tests that need them skip without them."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent (the seed articles live beside the checkout)")
    return SEEDS
