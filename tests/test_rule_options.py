"""Rule options set the way users set them: cfn-lint's configure_rules (API, .cfnlintrc) and -x on the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cfnlint.api import lint
from cfnlint.config import ManualArgs

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
