"""Shared test helpers: lint real template text with real cfn-lint and the plugin appended."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from cfnlint.config import ConfigMixIn, ManualArgs
from cfnlint.decode.decode import decode_str
from cfnlint.rules import Match
from cfnlint.runner import Runner
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


_RUNNERS: dict[tuple[str, ...], Runner] = {}


def lint_matches(text: str, include_checks: tuple[str, ...] = ("IA",)) -> list[Match]:
    """cfn-lint's matches for one template text, as `cfnlint.api.lint` gives them, from one long-lived Runner
    per set of included checks (as the CLI lints many templates with one Runner): loading cfn-lint's ~300
    rules and this plugin's takes twice as long as linting a fixture, so each test process loads them once."""
    runner = _RUNNERS.get(include_checks)
    if runner is None:
        config = ManualArgs(regions=["us-east-1"], include_checks=list(include_checks))
        config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
        runner = _RUNNERS[include_checks] = Runner(ConfigMixIn(**config))
    template, errors = decode_str(text)
    if errors:
        return list(errors)
    if template is None:
        return []
    return list(runner.validate_template(template))


def lint_text(text: str) -> list[str]:
    """`line:column ID message` for every finding, cfn-lint's own included, sorted."""
    # IA: this plugin's informational rules too (cfn-lint runs only E and W unless asked), not cfn-lint's I rules
    matches = lint_matches(text)
    return sorted(f"{m.linenumber}:{m.columnnumber} {m.rule.id} {m.message}" for m in matches)


def lint_file(path: Path) -> list[str]:
    return lint_text(path.read_text(encoding="utf-8"))


@pytest.fixture
def lint_template() -> object:
    return lint_text
