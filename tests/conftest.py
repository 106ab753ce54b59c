"""Shared test helpers: lint real template text with real cfn-lint and the plugin appended."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from cfnlint.api import lint
from cfnlint.config import ManualArgs
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

# pytest-lsp needs Python 3.10 or newer: on 3.9 the language-server tests are not collected.
collect_ignore = ["test_lsp.py", "test_lsp_options.py"] if sys.version_info < (3, 10) else []

# Hypothesis profiles: `ci` (the default) keeps the suite quick; HYPOTHESIS_PROFILE=deep runs 20,000
# examples of every property that takes its count from the profile.
settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("deep", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# A `cfn-lint -u` schema cache in the user's home would change results: point it at an empty folder.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cfn-lint-cache-")


def lint_text(text: str) -> list[str]:
    """`line:column ID message` for every finding, cfn-lint's own included, sorted."""
    # IA: this plugin's informational rules too (cfn-lint runs only E and W unless asked), not cfn-lint's I rules
    config = ManualArgs(regions=["us-east-1"], include_checks=["IA"])
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    matches = lint(text, config=config)
    return sorted(f"{m.linenumber}:{m.columnnumber} {m.rule.id} {m.message}" for m in matches)


def lint_file(path: Path) -> list[str]:
    return lint_text(path.read_text(encoding="utf-8"))


@pytest.fixture
def lint_template() -> object:
    return lint_text
