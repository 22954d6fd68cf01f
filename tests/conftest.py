"""Shared fixtures: the repository's examples and, where present, the real seed articles."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

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


@pytest.fixture()
def run():
    """Run the `timeline` command in-process: ``run("extract", path, "-o", out)``."""
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
