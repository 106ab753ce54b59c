"""``python -m lint_rules.sarif``: GitHub's security-severity on this plugin's rules in cfn-lint's SARIF."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import FIXTURES, ROOT

CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("cfn-lint-lambda-auth"))
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# one finding of each severity, and one of cfn-lint's own rules (E3002) that must be left alone
EXTRA = "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"


def _valid(log: Any) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


@pytest.fixture(scope="module")
def sarif_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sarif_om")
    folder = tmp_path_factory.mktemp("sarif")
    (folder / "template.yaml").write_text(
        (ROOT / "examples" / "template.yaml").read_text(encoding="utf-8") + EXTRA, encoding="utf-8"
    )
    shutil.copy(FIXTURES / "IA3021" / "bad.yaml", folder / "user.yaml")
    command = [CFN_LINT, "--append-rules=lint_rules", "-c", "I", "--format", "sarif", "--output-file", "in.sarif"]
    done = subprocess.run(
        [*command, "--", "template.yaml", "user.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 14, done.stderr  # errors, warnings and informational
    return folder / "in.sarif"


def _rules(log: Any) -> dict[str, Any]:
    return {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}


def test_cfn_lint_alone_writes_no_security_severity(sarif_file: Path) -> None:
    """Why the step exists: cfn-lint's formatter gives a plugin's rules no properties."""
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    _valid(log)
    assert all("properties" not in rule for rule in _rules(log).values())


def test_each_plugin_rule_gets_the_score_of_its_severity(sarif_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.sarif"
    done = subprocess.run(
        [sys.executable, "-m", "lint_rules.sarif", str(sarif_file), str(out)], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")
    log = json.loads(out.read_text(encoding="utf-8"))
    _valid(log)
    properties = {rule_id: rule.get("properties") for rule_id, rule in _rules(log).items()}
    assert properties == {
        "EA1002": {"security-severity": "8.0", "tags": ["security"]},
        "EA2001": {"security-severity": "8.0", "tags": ["security"]},
        "EA4001": {"security-severity": "8.0", "tags": ["security"]},
        "WA1001": {"security-severity": "5.0", "tags": ["security"]},
        "IA3021": {"security-severity": "2.0", "tags": ["security"]},
        "E3002": None,  # cfn-lint's own rule: not a security finding of ours
    }
    before = json.loads(sarif_file.read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == before["runs"][0]["results"]  # only the rules change


def test_in_place_twice_with_the_console_script_keeps_one_tag(sarif_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "cfn-lint.sarif"
    shutil.copy(sarif_file, target)
    for _ in range(2):
        done = subprocess.run([CONSOLE_SCRIPT, "sarif", str(target), str(target)], capture_output=True, text=True)
        assert (done.returncode, done.stderr) == (0, "")
    log = json.loads(target.read_text(encoding="utf-8"))
    _valid(log)
    assert _rules(log)["WA1001"]["properties"] == {"security-severity": "5.0", "tags": ["security"]}


def test_a_file_that_is_not_sarif_is_an_error(tmp_path: Path) -> None:
    for text in ("not json", '{"version": "2.1.0"}', "[]"):
        source = tmp_path / "in.sarif"
        source.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "lint_rules.sarif", str(source), str(tmp_path / "out.sarif")],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2 and done.stderr.startswith(f"{source}: not a SARIF file"), text
        assert not (tmp_path / "out.sarif").exists()
