"""Rule options set the way users set them: cfn-lint's configure_rules (API, .cfnlintrc) and -x on the CLI."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cfnlint.api import lint
from cfnlint.config import ManualArgs
from cfnlint.rules import Rules

from conftest import FIXTURES, ROOT

BAD = FIXTURES / "WA1006" / "bad.yaml"


def _wa1006(configure: dict[str, object]) -> list[str]:
    config = ManualArgs(regions=["us-east-1"], configure_rules={"WA1006": configure})
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    matches = lint(BAD.read_text(encoding="utf-8"), config=config)
    return sorted(f"{m.linenumber}:{m.columnnumber}" for m in matches if m.rule.id == "WA1006")


def test_trusted_accounts_from_configure_rules() -> None:
    assert _wa1006({}) == ["31:7", "37:7", "47:15"]
    assert _wa1006({"trusted_accounts": ["111122223333"]}) == ["37:7"]  # the parameter's 444455556666 remains
    assert _wa1006({"trusted_accounts": ["111122223333", "444455556666"]}) == []


def test_trusted_accounts_from_the_command_line(tmp_path: Path) -> None:
    cfn_lint = str(Path(sys.executable).with_name("cfn-lint"))
    done = subprocess.run(
        [cfn_lint, "--format", "parseable", "-x", "WA1006:trusted_accounts=111122223333 444455556666",
         "--append-rules=lint_rules", "--", str(BAD)],
        capture_output=True, text=True, check=False, cwd=ROOT, env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert ":WA1006:" not in done.stdout
    assert ":EA1002:" not in done.stdout and done.stdout == ""


def _ia1011(configure: dict[str, object]) -> list[int]:
    config = ManualArgs(regions=["us-east-1"], include_checks=["IA"], configure_rules={"IA1011": configure})
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    text = (FIXTURES / "IA1011" / "bad.yaml").read_text(encoding="utf-8")
    return sorted(m.linenumber for m in lint(text, config=config) if m.rule.id == "IA1011")


def test_layer_trusted_accounts_share_the_option_shape() -> None:
    assert _ia1011({}) == [19, 25]
    assert _ia1011({"trusted_accounts": "111122223333 444455556666"}) == []  # the -x form: one string


def _wa3005(configure: dict[str, object]) -> list[int]:
    config = ManualArgs(regions=["us-east-1"], configure_rules={"WA3005": configure})
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    text = (FIXTURES / "WA3005" / "bad.yaml").read_text(encoding="utf-8")
    return sorted(m.linenumber for m in lint(text, config=config) if m.rule.id == "WA3005")


def test_trust_trusted_accounts_share_the_option_shape() -> None:
    assert _wa3005({}) == [17, 18, 28]
    assert _wa3005({"trusted_accounts": ["111122223333"]}) == [18]  # the parameter's 444455556666 remains
    assert _wa3005({"trusted_accounts": "111122223333 444455556666"}) == []  # the -x form: one string


def _wa1012(configure: dict[str, object]) -> list[int]:
    config = ManualArgs(regions=["us-east-1"], configure_rules={"WA1012": configure})
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    text = (FIXTURES / "WA1012" / "bad_sam.yaml").read_text(encoding="utf-8")
    return sorted(m.linenumber for m in lint(text, config=config) if m.rule.id == "WA1012")


def test_public_by_design_names_apis_and_functions() -> None:
    assert _wa1012({}) == [16, 24, 35]
    assert _wa1012({"public_by_design": ["ServerlessRestApi"]}) == [24, 35]
    assert _wa1012({"public_by_design": "ServerlessHttpApi Api"}) == [16]  # the -x form: one string
    assert _wa1012({"public_by_design": ["Function"]}) == []


def test_a_misspelt_option_is_ignored_by_cfn_lint_and_the_rule_says_so(tmp_path: Path) -> None:
    """cfn-lint drops option keys a rule does not define without a word; ours log a warning, once."""
    cfn_lint = str(Path(sys.executable).with_name("cfn-lint"))
    shutil.copy(BAD, tmp_path / "a.yaml")
    shutil.copy(BAD, tmp_path / "b.yaml")
    done = subprocess.run(
        [cfn_lint, "--format", "parseable", "-x", "WA1006:trusted_account=111122223333", "-x", "WA1012:nope=1",
         "--append-rules=lint_rules", "--", "a.yaml", "b.yaml"],
        capture_output=True, text=True, check=False, cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    assert sorted(done.stderr.splitlines()) == [  # once each, though cfn-lint configures rules per template
        "WA1006: unknown option 'trusted_account', which cfn-lint ignores "
        "(did you mean 'trusted_accounts'? WA1006 reads only 'trusted_accounts')",
        "WA1012: unknown option 'nope', which cfn-lint ignores (WA1012 reads only 'public_by_design')",
    ]
    # the rule ran unconfigured: the account it was meant to trust is still reported, in both templates
    assert (
        sorted(line.split(":")[0] for line in done.stdout.splitlines() if ":WA1006:" in line)
        == ["a.yaml"] * 3 + ["b.yaml"] * 3
    )


def test_a_correct_option_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="lint_rules"):
        assert _wa1006({"trusted_accounts": ["111122223333"]}) == ["37:7"]
    assert caplog.records == []


def test_every_rule_option_is_in_the_readme() -> None:
    """The README's Options section lists each option with the rules that read it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Options") :]
    section = section[: section.index("\n### ", 1)]
    readers: dict[str, set[str]] = {}
    for rule in Rules.create_from_module("lint_rules").values():
        for option in rule.config_definition:
            readers.setdefault(option, set()).add(rule.id)
    assert readers, "no rule has an option"
    for option, rule_ids in readers.items():
        (row,) = [line for line in section.splitlines() if line.startswith(f"| `{option}` |")]
        assert set(re.findall(r"[EWI]A\d{4}", row)) == rule_ids, row
    assert "-x WA1006:trusted_accounts=" in section and "configure_rules:" in section
    assert "silently" in section
