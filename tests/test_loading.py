"""The four ways people load the plugin give the same findings on the shipped example."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, lint_file, lint_text

EXAMPLE = ROOT / "examples" / "template.yaml"
CFN_LINT = Path(sys.executable).with_name("cfn-lint")


def _cli(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [str(CFN_LINT), "--format", "parseable", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line.split(":", 1)[1] for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, sorted(lines)


def _findings_of(lines: list[str]) -> list[str]:
    # parseable: <file>:<line>:<col>:<endline>:<endcol>:<rule>:<message>; keep line:col rule message
    out = []
    for line in lines:
        parts = line.split(":", 5)
        out.append(f"{parts[0]}:{parts[1]} {parts[4]} {parts[5]}")
    return sorted(out)


@pytest.fixture(scope="module")
def api_findings() -> list[str]:
    found = lint_file(EXAMPLE)
    assert {line.split()[1] for line in found} == {"WA1001", "EA1002", "EA2001", "EA4001"}
    return found


def test_module_mode_from_any_folder(tmp_path: Path, api_findings: list[str]) -> None:
    template = tmp_path / "t.yaml"
    shutil.copy(EXAMPLE, template)
    code, lines = _cli(["--append-rules=lint_rules", "--", str(template)], tmp_path)
    assert code == 6  # errors (2) and warnings (4)
    assert _findings_of(lines) == api_findings


def test_directory_mode_from_the_repository_root(api_findings: list[str]) -> None:
    code, lines = _cli(["-a", "lint_rules", "--", str(EXAMPLE)], ROOT)
    assert code == 6
    assert _findings_of(lines) == api_findings


def test_cfnlintrc(tmp_path: Path, api_findings: list[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "t.yaml")
    (tmp_path / ".cfnlintrc").write_text("append_rules:\n  - lint_rules\ntemplates:\n  - t.yaml\n", encoding="utf-8")
    code, lines = _cli([], tmp_path)
    assert code == 6
    assert _findings_of(lines) == api_findings


def test_sarif_output_links_every_rule_to_its_page(tmp_path: Path) -> None:
    pytest.importorskip("sarif_om")
    template = tmp_path / "t.yaml"
    shutil.copy(EXAMPLE, template)
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [str(CFN_LINT), "--append-rules=lint_rules", "--format", "sarif", "--", str(template)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sarif = json.loads(done.stdout)
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for rule_id in ("WA1001", "EA1002", "EA2001", "EA4001"):
        assert rules[rule_id]["helpUri"].endswith(f"/docs/rules/{rule_id}.md")
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["EA1002", "EA2001", "EA4001", "WA1001"]


def test_junit_output_with_the_junit_extra(tmp_path: Path) -> None:
    """`--format junit` needs cfn-lint[junit] (our `junit` extra, in the test extra too); without it, a traceback."""
    template = tmp_path / "t.yaml"
    shutil.copy(EXAMPLE, template)
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [str(CFN_LINT), "--append-rules=lint_rules", "--format", "junit", "--", str(template)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 6
    cases = ElementTree.fromstring(done.stdout).iter("testcase")
    failed = {case.get("name", "").split()[0]: case for case in cases if case.find("failure") is not None}
    assert sorted(failed) == ["EA1002", "EA2001", "EA4001", "WA1001"]
    assert failed["WA1001"].get("url", "").endswith("/docs/rules/WA1001.md")


def test_resource_metadata_suppresses_one_rule_on_one_resource() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  WebhookFunction:\n    Type: AWS::Serverless::Function\n",
        "  WebhookFunction:\n    Type: AWS::Serverless::Function\n"
        "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [WA1001]\n",
    )
    found = [line.split()[1] for line in lint_text(text)]
    assert sorted(found) == ["EA1002", "EA2001", "EA4001"]


def _readme_python_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # the API example is the Python block after this line (the CDK section has a Python block of its own)
    after = readme[readme.index("From Python (`examples/api.py`") :]
    block = re.search(r"^```python\n(.*?)^```$", after, flags=re.MULTILINE | re.DOTALL)
    assert block is not None, "the README should have a Python example after 'From Python (`examples/api.py`'"
    return str(block.group(1))


def test_readme_api_example_is_the_checked_file() -> None:
    """The README shows examples/api.py as mypy --strict checks it (from its first import on)."""
    source = (ROOT / "examples" / "api.py").read_text(encoding="utf-8")
    assert source.partition("from __future__ import annotations\n\n")[2] == _readme_python_block()


def test_api_example_prints_the_findings(tmp_path: Path, api_findings: list[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "template.yaml")
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "api.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(done.stdout.splitlines()) == api_findings
