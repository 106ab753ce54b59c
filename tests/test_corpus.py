"""Sweep the public template corpus: every template lints with the plugin, with no crash and no
model-loading failure. ../shared/corpus is there in this project's CI; elsewhere the test is skipped."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, lint_matches

pytestmark = pytest.mark.slow

TEMPLATES = sorted((CORPUS / "templates").glob("*")) if CORPUS.is_dir() else []
HOST_CRASH = sorted((CORPUS / "host-crash").glob("*.yaml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not TEMPLATES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_corpus_template_lints_without_crash(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="lint_rules"):
        matches = lint_matches(path.read_text(encoding="utf-8"), ())
    crashes = [m.message for m in matches if m.rule.id in ("E0002", "E0000")]
    assert crashes == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("lint_rules")] == []
    for match in matches:
        if match.rule.id[1:2] == "A":
            assert match.linenumber >= 1 and match.message and "\n" not in match.message


def test_corpus_is_not_silently_empty() -> None:
    if os.environ.get("CI") and not TEMPLATES:
        pytest.fail("CI must see ../shared/corpus/templates")
    if TEMPLATES:
        assert len(TEMPLATES) >= 300


@pytest.mark.skipif(not HOST_CRASH, reason="../shared/corpus/host-crash is not present")
def test_host_crash_template_is_no_worse_with_the_plugin() -> None:
    cfn_lint = str(Path(sys.executable).with_name("cfn-lint"))
    runs = [
        subprocess.run([cfn_lint, *extra, "--", str(HOST_CRASH[0])], capture_output=True, text=True, check=False)
        for extra in ([], ["--append-rules=lint_rules"])
    ]
    assert runs[0].returncode == runs[1].returncode
    assert "lint_rules" not in runs[1].stderr
