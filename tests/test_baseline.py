"""The baseline (``cfn-lint-lambda-auth baseline write/check`` and ``baseline:`` in ``.cfn-lint-lambda-auth.yaml``),
through real cfn-lint on real templates: the command line (both loading modes), pre-commit, SARIF and the
language server leave out what the baseline holds, and only that."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp

from conftest import FIXTURES, ROOT
from lint_rules import baseline
from lint_rules._precommit import _cfn_lint
from lint_rules._precommit import main as precommit
from lsp_client import EXAMPLE, RecordingClient, initialize_params, open_document, server_config, summary, wait_for

OURS = re.compile(r"^[EWI]A\d{4}$")
OPTIONS = ".cfn-lint-lambda-auth.yaml"
# A new problem: a second public invoke permission on the function of stacks/permission.yaml.
NEW_PROBLEM = """\
  NewPublicPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Function.Arn
      Principal: "*"
"""
TOPIC = "\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nope: 1\n"  # cfn-lint's own E3002


def _project(root: Path) -> Path:
    """A project: three YAML templates and a JSON one under stacks/, the project file naming the baseline."""
    stacks = root / "stacks"
    stacks.mkdir(parents=True)
    shutil.copy(FIXTURES / "EA1002" / "bad.yaml", stacks / "permission.yaml")
    shutil.copy(FIXTURES / "EA1002" / "bad.json", stacks / "external.json")
    shutil.copy(FIXTURES / "WA3028" / "bad.yaml", stacks / "secrets.yaml")
    (stacks / "app.yaml").write_text(EXAMPLE.read_text(encoding="utf-8") + TOPIC, encoding="utf-8")
    (root / OPTIONS).write_text("baseline: baseline.json\n", encoding="utf-8")
    return root


def _lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """cfn-lint's command line in this process: exit code, ``file:line:col RULE message`` lines, stderr."""
    capsys.readouterr()
    code = _cfn_lint(["--append-rules=lint_rules", "-c", "I", "-f", "parseable", *args])
    out, err = capsys.readouterr()
    return code, [_short(line) for line in out.splitlines() if line], err


def _short(line: str) -> str:
    name, start, column, _end, _end_column, rule, message = line.split(":", 6)
    return f"{Path(name).name}:{start}:{column} {rule} {message}"


def _ours(lines: list[str]) -> list[str]:
    return [line for line in lines if OURS.match(line.split()[1])]


def _write(capsys: pytest.CaptureFixture[str], root: Path) -> str:
    capsys.readouterr()
    assert baseline.main(["write", str(root / "baseline.json"), "--", str(root / "stacks" / "*")]) == 0
    return capsys.readouterr().out


def _check(capsys: pytest.CaptureFixture[str], root: Path, *options: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = baseline.main(["check", str(root / "baseline.json"), *options, "--", str(root / "stacks" / "*")])
    out, err = capsys.readouterr()
    return code, out, err


def _templates(root: Path) -> list[str]:
    return sorted(str(path) for path in (root / "stacks").iterdir())


def test_write_then_nothing_of_ours_is_reported_and_a_new_problem_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    _, before, _ = _lint(capsys, "--", *_templates(root))
    assert len(_ours(before)) == 18  # every fixture finding and the example's: the baseline has work to do
    out = _write(capsys, root)
    assert out == "baseline.json: 18 findings of 4 templates recorded\n".replace(
        "baseline.json", str(root / "baseline.json")
    )
    written = json.loads((root / "baseline.json").read_text(encoding="utf-8"))
    assert written["version"] == 1
    assert {entry["template"] for entry in written["findings"]} == {
        "stacks/app.yaml",
        "stacks/external.json",
        "stacks/permission.yaml",
        "stacks/secrets.yaml",
    }
    public = next(
        entry
        for entry in written["findings"]
        if entry["resource"] == "PublicPermission" and ".yaml" in entry["template"]
    )
    assert public["rule"] == "EA1002"
    assert public["path"] == ["Properties", "Principal"]
    assert "Tr0ub4dor" not in (root / "baseline.json").read_text(encoding="utf-8")  # a secret's literal is digested

    code, after, _ = _lint(capsys, "--", *_templates(root))
    assert after == ["app.yaml:53:7 E3002 Additional properties are not allowed ('Nope' was unexpected)"]
    assert code == 2  # cfn-lint's own error still counts: its rules are not touched

    permission = root / "stacks" / "permission.yaml"
    permission.write_text(permission.read_text(encoding="utf-8") + NEW_PROBLEM, encoding="utf-8")
    _, after, _ = _lint(capsys, "--", *_templates(root))
    assert _ours(after) == [
        "permission.yaml:105:7 EA1002 Permission 'NewPublicPermission' lets any principal invoke 'Function'; "
        "name the caller or set SourceArn, SourceAccount or PrincipalOrgID"
    ]


def test_lines_inserted_and_resources_added_elsewhere_change_no_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    for template in (root / "stacks").iterdir():
        text = template.read_text(encoding="utf-8")
        if template.suffix == ".json":
            text = "\n\n" + text
        else:
            text = "# a line at the top\n" + text.replace(
                "Resources:\n", "Resources:\n  Inserted:\n    Type: AWS::SNS::Topic\n", 1
            )
        template.write_text(text, encoding="utf-8")
    _, after, _ = _lint(capsys, "--", *_templates(root))
    assert _ours(after) == []
    assert len(after) == 1  # the Topic's E3002, two lines lower


def test_the_value_pointed_at_is_part_of_the_fingerprint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    secrets = root / "stacks" / "secrets.yaml"
    secrets.write_text(
        secrets.read_text(encoding="utf-8").replace("Tr0ub4dor-and-3", "another-literal-4"), encoding="utf-8"
    )
    _, after, _ = _lint(capsys, "--", str(secrets))
    assert after == [
        "secrets.yaml:33:11 WA3028 Environment variable 'clientSecret' of function 'Function' is set to a literal; "
        "read the secret at run time from Secrets Manager or Parameter Store"
    ]


def test_paths_are_relative_to_the_baseline_not_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "repo")
    monkeypatch.chdir(root / "stacks")
    capsys.readouterr()
    assert baseline.main(["write", "../baseline.json", "--", "*.yaml", "*.json"]) == 0
    monkeypatch.chdir(tmp_path)  # cfn-lint's module mode here (no lint_rules folder), other relative names
    _, after, _ = _lint(capsys, "--", "repo/stacks/permission.yaml", "repo/stacks/secrets.yaml")
    assert after == []
    monkeypatch.chdir(ROOT)  # directory mode (lint_rules/ is a folder here), absolute names
    _, after, _ = _lint(capsys, "--", *_templates(root))
    assert _ours(after) == []


def test_check_lists_what_was_fixed_and_prune_removes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    assert _check(capsys, root, "--fail-on-stale")[:2] == (
        0,
        f"{root / 'baseline.json'}: 0 of 18 entries match no finding any more\n",
    )
    secrets = root / "stacks" / "secrets.yaml"
    secrets.write_text(
        secrets.read_text(encoding="utf-8").replace("          clientSecret: Tr0ub4dor-and-3\n", ""), encoding="utf-8"
    )
    (root / "stacks" / "external.json").unlink()
    code, out, _ = _check(capsys, root)
    lines = out.splitlines()
    assert code == 0
    assert lines[:-1] == [
        "stacks/external.json: EA1002 ExternalUrlPermission/Properties/Principal: Permission 'ExternalUrlPermission' "
        "lets any principal invoke a function outside this template through its URL, unsigned (FunctionUrlAuthType "
        "NONE); name the caller or set SourceArn, SourceAccount or PrincipalOrgID (template deleted)",
        "stacks/external.json: EA1002 PublicPermission/Properties/Principal: Permission 'PublicPermission' lets any "
        "principal invoke a function outside this template; name the caller or set SourceArn, SourceAccount or "
        "PrincipalOrgID (template deleted)",
        "stacks/secrets.yaml: WA3028 Function/Properties/Environment/Variables/clientSecret: Environment variable "
        "'clientSecret' of function 'Function' is set to a literal; read the secret at run time from Secrets "
        "Manager or Parameter Store",
    ]
    assert (
        lines[-1] == f"{root / 'baseline.json'}: 3 of 18 entries match no finding any more (remove them with --prune)"
    )
    assert _check(capsys, root, "--fail-on-stale")[0] == 1
    code, out, _ = _check(capsys, root, "--prune")
    assert code == 0
    assert out.endswith("3 of 18 entries match no finding any more; removed them\n")
    assert _check(capsys, root, "--fail-on-stale")[:2] == (
        0,
        f"{root / 'baseline.json'}: 0 of 15 entries match no finding any more\n",
    )
    # a finding that comes back after its entry was pruned is reported again
    secrets.write_text(FIXTURES.joinpath("WA3028", "bad.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _, after, _ = _lint(capsys, "--", str(secrets))
    assert [line.split()[1] for line in after] == ["WA3028"]
    assert _check(capsys, root)[1].endswith(
        "0 of 15 entries match no finding any more; 1 findings are not in the baseline\n"
    )


@pytest.mark.parametrize(
    ("options", "baseline_text", "reason"),
    [
        (
            "baseline: baseline.json\n",
            '{"version": 1, "findings": [',
            "not JSON or YAML: Expecting value: line 1 column 29",
        ),
        ("baseline: baseline.json\n", "- a list\n", "expected a mapping with a 'findings' list"),
        ("baseline: baseline.json\n", '{"version": 7, "findings": []}', "unsupported baseline version 7 (expected 1)"),
        (
            "baseline: baseline.json\n",
            '{"version": 1, "findings": [{"rule": "EA1002"}]}',
            "finding 1: 'template' must be a non-empty string",
        ),
        ("baseline: missing.json\n", None, "no such baseline file (write it with 'baseline write')"),
        ("baseline: [baseline.json\n", None, "cannot read it: expected ',' or ']', but got '<stream end>' at line 2"),
        ("baseline: 3\n", None, "'baseline' must be the path of a baseline file"),
    ],
    ids=["bad-json", "wrong-shape", "wrong-version", "bad-entry", "missing", "bad-project-yaml", "not-a-path"],
)
def test_a_broken_baseline_reports_every_finding_and_says_why_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    options: str,
    baseline_text: str | None,
    reason: str,
) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    (root / OPTIONS).write_text(options, encoding="utf-8")
    if baseline_text is not None:
        (root / "baseline.json").write_text(baseline_text, encoding="utf-8")
    caplog.clear()
    code, after, err = _lint(capsys, "--", *_templates(root))
    assert len(_ours(after)) == 18
    assert code == 6  # errors and warnings, as without a baseline
    warnings = [record.getMessage() for record in caplog.records if record.name == "lint_rules._baseline"]
    assert len(warnings) == 1  # once for the whole run, not once per template or rule
    assert warnings[0].startswith("cfn-lint-lambda-auth: baseline not applied, every finding is reported: ")
    assert reason in warnings[0]
    assert "\n" not in warnings[0]
    assert "Traceback" not in err
    if baseline_text is not None:
        code, out, err = _check(capsys, root)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert reason in err


def test_the_warning_is_one_line_on_cfn_lints_stderr(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / OPTIONS).write_text("baseline: missing.json\n", encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        "from cfnlint.runner import main; main()",
        "--append-rules=lint_rules",
        "-f",
        "parseable",
        "--",
        *_templates(root),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.stderr == (
        "cfn-lint-lambda-auth: baseline not applied, every finding is reported: "
        f"{root.resolve() / 'missing.json'}: no such baseline file (write it with 'baseline write') "
        f"(named in {root.resolve() / OPTIONS})\n"
    )
    assert len(_ours([_short(line) for line in done.stdout.splitlines()])) == 18
    assert done.returncode == 6


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(tmp_path / "baseline.json")
    for argv, message in [
        (["write", file], "name the templates after '--'"),
        (["write", file, "--regions", "us-east-1", str(tmp_path)], "end cfn-lint's options with '--'"),
        (["write", file, "--", str(tmp_path / "none-*.yaml")], "could not be processed by glob.glob"),
        (["write", file, "--prune", "--", str(tmp_path)], "--fail-on-stale and --prune are options of 'check'"),
    ]:
        capsys.readouterr()
        assert baseline.main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert message in err


def test_sarif_and_pre_commit_leave_out_the_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    permission = root / "stacks" / "permission.yaml"
    permission.write_text(permission.read_text(encoding="utf-8") + NEW_PROBLEM, encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    _cfn_lint(["--append-rules=lint_rules", "-f", "sarif", "--output-file", str(sarif), "--", *_templates(root)])
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert sorted(
        (result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["startLine"]) for result in results
    ) == [
        ("E3002", 53),
        ("EA1002", 105),
    ]
    capsys.readouterr()
    code = precommit(["-f", "parseable", "--", *_templates(root), str(root / OPTIONS)])
    lines = [_short(line) for line in capsys.readouterr().out.splitlines() if line]
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["app.yaml:53:7", "E3002"],
        ["permission.yaml:105:7", "EA1002"],
    ]
    assert code == 2


def test_a_template_read_from_the_api_has_no_path_and_no_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import lint_text

    root = _project(tmp_path)
    _write(capsys, root)
    assert len(lint_text((root / "stacks" / "permission.yaml").read_text(encoding="utf-8"))) == 9


# --- the language server ------------------------------------------------------------------------------------


@pytest_lsp.fixture(scope="module", config=server_config())  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    await lsp_client.initialize_session(initialize_params())
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="module")
async def test_the_language_server_leaves_out_the_baseline(
    client: RecordingClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    _write(capsys, root)
    app = root / "stacks" / "app.yaml"
    # unsaved edits: a line at the top and a new problem at the end (the baseline goes by the file's path)
    text = "# edited\n" + app.read_text(encoding="utf-8") + NEW_PROBLEM.replace("Function.Arn", "ReportFunction.Arn")
    uri = open_document(client, app, text)
    await wait_for(client, uri, 1, 2)  # both stages
    assert summary(client.diagnostics[uri]) == ["53:6-53:10 error E3002", "59:6-59:15 error EA1002"]
    (new,) = [d for d in client.diagnostics[uri] if d.code == "EA1002"]
    assert new.message.startswith("Permission 'NewPublicPermission' lets any principal")


@pytest.mark.asyncio(loop_scope="module")
async def test_the_language_server_logs_a_broken_baseline(
    client: RecordingClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    (root / OPTIONS).write_text("baseline: gone.json\n", encoding="utf-8")
    uri = open_document(client, root / "stacks" / "app.yaml")
    await wait_for(client, uri, 1, 2)
    assert summary(client.diagnostics[uri]) == [
        "18:8-18:16 warning WA1001",
        "23:14-23:21 error EA4001",
        "28:14-28:20 error EA2001",
        "44:6-44:15 error EA1002",
        "52:6-52:10 error E3002",
    ]
    logged = [m.message for m in client.log_messages if "baseline not applied" in m.message]
    assert logged == [
        f"lint_rules._baseline: cfn-lint-lambda-auth: baseline not applied, every finding is reported: {root.resolve() / 'gone.json'}: "
        f"no such baseline file (write it with 'baseline write') (named in {root.resolve() / OPTIONS})"
    ]
