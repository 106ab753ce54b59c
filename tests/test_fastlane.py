"""The fast lane, ``cfn-lint-lambda-auth lint``: this plugin's rules alone, through cfn-lint's runner.

Its findings must be exactly the plugin's findings of ``cfn-lint --append-rules=lint_rules`` (on every
fixture and, in the slow test, on the corpus), with cfn-lint's formats, exit bits and options, and the
same output with ``--jobs 2`` as with one process. Every run is the installed command in a fresh process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from cfnlint.rules import Rules

from conftest import CORPUS, FIXTURES, ROOT
from lint_rules._fastlane import plugin_rules

LANE = str(Path(sys.executable).with_name("cfn-lint-lambda-auth"))
CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
FIXTURE_FILES = sorted(str(path) for path in FIXTURES.glob("*/*") if path.suffix in (".yaml", ".json"))
CORPUS_FILES = sorted(str(path) for path in (CORPUS / "templates").glob("*")) if CORPUS.is_dir() else []
EXAMPLE = ROOT / "examples" / "template.yaml"
PLUGIN_ID = re.compile(r"[EWI]A\d{4}")

_FUNCTION = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/handler
      Code:
        ZipFile: "def handler(event, context): return None"
"""
# EA1002 (an error) at 16:7, and nothing else from any rule
ERROR_TEMPLATE = (
    _FUNCTION
    + """\
  PublicInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Handler
      Principal: "*"
"""
)
# WA1001 and WA1009 (warnings) at 14:7
WARNING_TEMPLATE = (
    _FUNCTION
    + """\
  HandlerUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Handler.Arn
"""
)
# cfn-lint's own E3002 (unknown property), nothing of ours
CFN_LINT_ONLY_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      NotAProperty: 1
"""
BROKEN_TEMPLATE = "Resources:\n  Handler: [\n"


def _run(command: str, *args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [command, *args],
        cwd=cwd,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": ""},
        timeout=1800,
    )


def _lane(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = _run(LANE, "lint", *args, cwd=cwd, stdin=stdin)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _comparable(parseable: str) -> list[str]:
    """The lines both runs must share: this plugin's findings, parse and transform errors, and a crash of
    one of this plugin's rules (cfn-lint reports a crashing rule as E0002 naming it)."""
    kept = []
    for line in parseable.splitlines():
        fields = line.split(":", 6)
        if len(fields) < 7:
            continue
        rule_id, message = fields[5], fields[6]
        ours = PLUGIN_ID.fullmatch(rule_id) or (rule_id == "E0002" and PLUGIN_ID.search(message))
        if ours or rule_id in ("E0000", "E0001"):
            kept.append(line)
    return kept


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- the rule set --------------------------------------------------------------------------------------


def test_the_lane_runs_this_plugins_rules_and_cfn_lints_error_reports_only() -> None:
    ours = set(Rules.create_from_module("lint_rules"))
    assert ours and all(PLUGIN_ID.fullmatch(rule_id) for rule_id in ours)
    assert set(plugin_rules()) == ours | {"E0000", "E0001", "E0002", "E0003"}


def test_no_rule_hangs_off_one_of_cfn_lints_rules() -> None:
    """A child of a cfn-lint rule (a keyword of its schema pass) would never run without that rule: the
    lane's findings are cfn-lint's only while every rule of ours runs on its own."""
    for rule_id, rule in plugin_rules().items():
        assert not rule.child_rules and not rule.parent_rules, rule_id


# --- same findings as cfn-lint ---------------------------------------------------------------------------


def _expected_plugin_lines() -> dict[str, list[str]]:
    """Each fixture's expected findings of this plugin (tests/test_fixtures.py holds cfn-lint to them)."""
    expected: dict[str, list[str]] = {}
    for path in FIXTURE_FILES:
        text = (Path(path).parent / "expected.txt").read_text(encoding="utf-8")
        prefix = f"{Path(path).name}:"
        expected[path] = sorted(
            line[len(prefix) :]
            for line in text.splitlines()
            if line.startswith(prefix) and PLUGIN_ID.fullmatch(line.split(" ", 2)[1])
        )
    return expected


def test_fixture_findings_are_the_expected_plugin_findings() -> None:
    """Every fixture in one run: the plugin's lines of its expected.txt, positions and messages, and no
    other line (no cfn-lint finding, no crash)."""
    done = _lane("-c", "I", "--regions", "us-east-1", "--format", "parseable", "--", *FIXTURE_FILES)
    found: dict[str, list[str]] = {path: [] for path in FIXTURE_FILES}
    for line in done.stdout.splitlines():
        path, line_number, column, _, _, rule_id, message = line.split(":", 6)
        assert PLUGIN_ID.fullmatch(rule_id), line
        found[path].append(f"{line_number}:{column} {rule_id} {message}")
    assert {path: sorted(lines) for path, lines in found.items()} == _expected_plugin_lines()
    assert done.returncode == 2 | 4 | 8


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["fixtures", "corpus"])
def test_same_findings_as_cfn_lint_with_the_plugin(corpus: str, tmp_path: Path) -> None:
    """cfn-lint with the plugin appended and the lane, each in one run over every template (the lane in
    two processes): the same plugin findings, parse errors and transform errors, line for line."""
    files = FIXTURE_FILES if corpus == "fixtures" else CORPUS_FILES
    if not files:
        pytest.skip("../shared/corpus is not present")
    options = ["-c", "I", "--regions", "us-east-1", "--format", "parseable"]
    full = _run(CFN_LINT, "--append-rules=lint_rules", *options, "--", *files, cwd=tmp_path)
    lane = _lane(*options, "--jobs", "2", "--", *files, cwd=tmp_path)
    expected = _comparable(full.stdout)
    assert expected, full.stderr  # the comparison compares something
    assert _comparable(lane.stdout) == expected
    assert lane.stdout == "\n".join(expected) + "\n"  # and nothing else: none of cfn-lint's rules ran
    if corpus == "corpus":
        assert _lane(*options, "--jobs", "1", "--", *files, cwd=tmp_path).stdout == lane.stdout


# --- parallel runs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parseable", "json", "junit", "pretty"])
def test_jobs_2_prints_what_jobs_1_prints(fmt: str) -> None:
    """Byte for byte, in template order; junit and pretty also count the rules that ran (in the workers)."""
    files = [path for path in FIXTURE_FILES if Path(path).name.startswith("bad")]
    runs = [_lane("-c", "I", "--format", fmt, "--jobs", jobs, "--", *files) for jobs in ("1", "2")]
    assert runs[0].stdout and runs[1].stdout == runs[0].stdout
    assert runs[1].returncode == runs[0].returncode == 2 | 4 | 8
    if fmt == "pretty":
        assert f"against {len(plugin_rules())} rules" in runs[1].stdout  # E0000-E0003 and ours, all run


def test_jobs_0_and_parse_errors_in_a_parallel_run(tmp_path: Path) -> None:
    _write(tmp_path, {"a.yaml": ERROR_TEMPLATE, "b.yaml": BROKEN_TEMPLATE, "c.yaml": WARNING_TEMPLATE})
    one = _lane("--format", "parseable", "--", "a.yaml", "b.yaml", "c.yaml", cwd=tmp_path)
    many = _lane("--format", "parseable", "--jobs", "0", "--", "a.yaml", "b.yaml", "c.yaml", cwd=tmp_path)
    assert many.stdout == one.stdout
    assert [line.split(":")[0] + ":" + line.split(":")[5] for line in many.stdout.splitlines()] == [
        "a.yaml:EA1002",
        "b.yaml:E0000",
        "c.yaml:WA1001",
        "c.yaml:WA1009",
    ]
    assert many.returncode == one.returncode == 2 | 4


def test_a_bad_region_stops_a_parallel_run_as_it_stops_cfn_lint(tmp_path: Path) -> None:
    _write(tmp_path, {"a.yaml": ERROR_TEMPLATE, "b.yaml": WARNING_TEMPLATE})
    full = _run(CFN_LINT, "--regions", "xx-fake-1", "--", "a.yaml", "b.yaml", cwd=tmp_path)
    for jobs in ("1", "2"):
        lane = _lane("--regions", "xx-fake-1", "--jobs", jobs, "--", "a.yaml", "b.yaml", cwd=tmp_path)
        assert (lane.returncode, lane.stdout) == (full.returncode, full.stdout) == (32, "")
        assert "Regions ['xx-fake-1'] are unsupported" in lane.stderr


# --- exit codes, options, formats ------------------------------------------------------------------------


def test_exit_bits(tmp_path: Path) -> None:
    _write(
        tmp_path, {"error.yaml": ERROR_TEMPLATE, "warning.yaml": WARNING_TEMPLATE, "cfn.yaml": CFN_LINT_ONLY_TEMPLATE}
    )
    info = str(FIXTURES / "IA1010" / "bad.yaml")  # IA1010 only
    cases = [
        (["error.yaml"], 2),
        (["warning.yaml"], 4),
        (["error.yaml", "warning.yaml"], 6),
        (["-c", "I", "--", info], 8),
        ([info], 0),  # informational rules are off unless asked for, as in cfn-lint
        (["--non-zero-exit-code", "error", "--", "warning.yaml"], 0),
        (["cfn.yaml"], 0),  # cfn-lint's own E3002 is not run
    ]
    for args, code in cases:
        done = _lane(*args, cwd=tmp_path)
        assert done.returncode == code, (args, done.stdout)
    assert _run(CFN_LINT, "cfn.yaml", cwd=tmp_path).returncode == 2  # (cfn-lint itself reports it)


def test_ignore_include_and_configure_checks(tmp_path: Path) -> None:
    _write(tmp_path, {"warning.yaml": WARNING_TEMPLATE})
    assert _lane("-f", "parseable", "-i", "WA1001", "--", "warning.yaml", cwd=tmp_path).stdout.count(":WA10") == 1
    assert _lane("-f", "parseable", "-i", "WA10", "--", "warning.yaml", cwd=tmp_path).returncode == 0
    wa1006 = str(FIXTURES / "WA1006" / "bad.yaml")
    assert ":WA1006:" in _lane("-f", "parseable", "--", wa1006).stdout
    trusted = _lane("-f", "parseable", "-x", "WA1006:trusted_accounts=111122223333 444455556666", "--", wa1006)
    assert ":WA1006:" not in trusted.stdout and trusted.stderr == ""


def test_metadata_directives_and_cfnlintrc_apply(tmp_path: Path) -> None:
    """A resource's ignore_checks, and a .cfnlintrc written for cfn-lint (append_rules: lint_rules)."""
    ignored = ERROR_TEMPLATE.replace(
        "  PublicInvoke:\n    Type: AWS::Lambda::Permission\n",
        "  PublicInvoke:\n    Type: AWS::Lambda::Permission\n"
        "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [EA1002]\n",
    )
    rc = "append_rules:\n  - lint_rules\ntemplates:\n  - stacks/*.yaml\nignore_checks:\n  - WA1009\n"
    _write(tmp_path, {".cfnlintrc": rc})
    _write(tmp_path / "stacks", {"ignored.yaml": ignored, "warning.yaml": WARNING_TEMPLATE})
    done = _lane("-f", "parseable", cwd=tmp_path)  # the templates come from .cfnlintrc
    assert [line.split(":", 6)[5] for line in done.stdout.splitlines()] == ["WA1001"]
    assert done.returncode == 4


def test_other_rules_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, {"error.yaml": ERROR_TEMPLATE})
    for args in (["--append-rules=my_rules"], ["-z", "custom.txt"]):
        done = _lane(*args, "--", "error.yaml", cwd=tmp_path)
        assert done.returncode == 1 and done.stdout == ""
        assert "this lane runs only the cfn-lint-lambda-auth rules" in done.stderr
    assert _lane("--append-rules=lint_rules", "--", "error.yaml", cwd=tmp_path).returncode == 2


def test_broken_yaml_is_cfn_lints_parse_error(tmp_path: Path) -> None:
    _write(tmp_path, {"broken.yaml": BROKEN_TEMPLATE})
    full = _run(CFN_LINT, "broken.yaml", cwd=tmp_path)
    lane = _lane("broken.yaml", cwd=tmp_path)
    assert (lane.returncode, lane.stdout) == (full.returncode, full.stdout) == (2, full.stdout)
    assert lane.stdout.startswith("E0000 ") and lane.stderr == ""
    missing = _lane("missing.yaml", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (
        2,
        "E0003 missing.yaml could not be processed by glob.glob\nNone:1:1\n\n",
    )


def test_a_template_on_stdin(tmp_path: Path) -> None:
    done = _lane("-f", "parseable", cwd=tmp_path, stdin=ERROR_TEMPLATE)
    assert done.returncode == 2 and ":EA1002:" in done.stdout


@pytest.mark.parametrize("fmt", ["parseable", "json", "sarif", "quiet", None])
def test_formats_are_cfn_lints(fmt: str | None) -> None:
    """On a template where cfn-lint's own rules find nothing, the lane prints what cfn-lint prints."""
    args = [] if fmt is None else ["--format", fmt]
    full = _run(CFN_LINT, "--append-rules=lint_rules", *args, "--", str(EXAMPLE))
    lane = _lane(*args, "--", str(EXAMPLE))
    assert lane.stdout
    if fmt == "sarif":  # cfn-lint lists the matched rules in set order, which changes from run to run
        assert _sarif_sorted(lane.stdout) == _sarif_sorted(full.stdout)
    else:
        assert lane.stdout == full.stdout
    assert lane.returncode == full.returncode == 6
    if fmt == "json":
        assert [finding["Rule"]["Id"] for finding in json.loads(lane.stdout)] == [
            "WA1001",
            "EA4001",
            "EA2001",
            "EA1002",
        ]


def _sarif_sorted(text: str) -> object:
    log = json.loads(text)
    for run in log["runs"]:
        run["tool"]["driver"]["rules"].sort(key=lambda rule: rule["id"])
    return log


def test_junit_lists_this_plugins_rules(tmp_path: Path) -> None:
    _write(tmp_path, {"error.yaml": ERROR_TEMPLATE})
    done = _lane("--format", "junit", "--", "error.yaml", cwd=tmp_path)
    cases = ET.fromstring(done.stdout).findall(".//testcase")
    assert {case.get("name", "").split(" ")[0] for case in cases} == set(plugin_rules())
    failed = [case.get("name", "").split(" ")[0] for case in cases if case.find("failure") is not None]
    assert failed == ["EA1002"]


# --- only templates, and the pre-commit hook -------------------------------------------------------------


def test_only_templates_skips_other_files(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    image: nginx\n"
    _write(tmp_path, {"stack.yaml": ERROR_TEMPLATE, "compose.yaml": compose, "broken.yaml": BROKEN_TEMPLATE})
    done = _lane("--only-templates", "-f", "parseable", "--", "compose.yaml", "stack.yaml", "broken.yaml", cwd=tmp_path)
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == ["stack.yaml"]
    assert done.returncode == 2
    assert _lane("--only-templates", "--", "compose.yaml", cwd=tmp_path).returncode == 0
    without = _lane("-f", "parseable", "--", "compose.yaml", cwd=tmp_path)  # not filtered: cfn-lint's verdict
    assert without.stdout == ""


def _hooks() -> list[dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_fast_hook_is_declared() -> None:
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert list(hooks) == ["cfn-lint-lambda-auth", "cfn-lint-lambda-auth-rc", "cfn-lint-lambda-auth-fast"]
    fast = hooks["cfn-lint-lambda-auth-fast"]
    assert fast["entry"] == "cfn-lint-lambda-auth lint --only-templates --jobs 0"
    assert fast["args"] == ["--"]  # file names come after it: never read as option values
    assert fast["language"] == "python" and fast["require_serial"] is True
    assert fast["files"] == hooks["cfn-lint-lambda-auth"]["files"]
    assert fast["types"] == hooks["cfn-lint-lambda-auth"]["types"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_fast_hook_through_pre_commit(tmp_path: Path) -> None:
    repo = tmp_path / "project"
    compose = "services:\n  web:\n    image: nginx\n"
    _write(repo, {"stack.yaml": ERROR_TEMPLATE, "compose.yaml": compose, "cfn.yaml": CFN_LINT_ONLY_TEMPLATE})
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "init"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "cfn-lint-lambda-auth-fast", "--verbose", "--all-files"],
        cwd=repo, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert "EA1002 Permission 'PublicInvoke' lets any principal invoke 'Handler'" in output
    assert "stack.yaml:16:7\n" in output
    assert "compose.yaml" not in output and "E3002" not in output
