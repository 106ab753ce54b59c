"""The AWS CDK validation plugin (lint_rules/cdk/): its report on CDK-synthesized templates, and end to end.

The first tests run the report (cfn-lint with this plugin, in process) on the templates in tests/cdk/,
as the CDK would hand them over, and need no Node. The ``slow`` ones synthesize the apps in
tests/cdk/plugin/ with real aws-cdk-lib, from JavaScript (npm's aws-cdk-lib) and from Python (PyPI's,
through jsii), and read what the CDK prints: a planted problem fails synth at the user's source line,
a clean app passes, an acknowledged finding is not reported.

They skip without Node, npm or the packages (the JavaScript ones npm-install aws-cdk-lib into a temporary
folder, or use the one ``CFN_LINT_CDK_NODE_MODULES`` names); ``CFN_LINT_CDK_E2E=1`` makes a missing one a
failure (CI's first run, which installs both), ``CFN_LINT_CDK_E2E=0`` skips them (CI's floor run).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import pytest

from conftest import ROOT
from lint_rules.cdk import JS_PLUGIN, Options, _description, _fix, report
from lint_rules.cdk import main as cdk_report_main

CDK = ROOT / "tests" / "cdk"
APPS = CDK / "plugin"
PAGE = "https://github.com/cfn-lint-lambda-auth/cfn-lint-lambda-auth/blob/main/docs/rules/"
# npm's newest aws-cdk-lib is the fixtures' (scripts/synth_cdk_fixtures.py); PyPI's lags a release
NPM_CDK = "aws-cdk-lib@2.276.0"
NPM_CONSTRUCTS = "constructs@10.8.1"
E2E = os.environ.get("CFN_LINT_CDK_E2E")


def _report(name: str, **options: Any) -> dict[str, Any]:
    return report([str(CDK / f"{name}.template.json")], Options(**options))


def _summary(data: dict[str, Any]) -> list[tuple[str, str, str, list[str]]]:
    return [
        (v["ruleName"], v["severity"], r["resourceLogicalId"], r["locations"])
        for v in data["violations"]
        for r in v["violatingResources"]
    ]


def test_an_error_is_a_violation_that_fails_synth_with_its_message_fix_and_rule_page() -> None:
    data = _report("grant_invoke_any")
    assert data["success"] is False
    [violation] = data["violations"]
    assert violation == {
        "ruleName": "EA1002",
        "description": "Permission 'HandlerInvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzVmfFkNw5i708528BE96' lets any "
        "principal invoke 'Handler886CB40B'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID",
        "fix": f"name the caller or set SourceArn, SourceAccount or PrincipalOrgID (rule page: {PAGE}EA1002.md)",
        "severity": "error",
        "ruleMetadata": {
            "level": "error",
            "rulePage": f"{PAGE}EA1002.md",
            "title": "Lambda permission grants invoke to any principal",
        },
        "violatingResources": [
            {
                "resourceLogicalId": "HandlerInvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzVmfFkNw5i708528BE96",
                "templatePath": str(CDK / "grant_invoke_any.template.json"),
                # relative to the resource and dotted, as the CDK matches property mutations
                "locations": ["Properties.Principal"],
            }
        ],
    }


def test_a_warning_is_reported_without_failing_synth_by_default() -> None:
    data = _report("function_url_public")
    assert data["success"] is True
    assert _summary(data) == [("WA1001", "warning", "HandlerFunctionUrl003AF664", ["Properties.AuthType"])]


def test_warnings_can_fail_synth_or_be_left_out() -> None:
    failing = _report("function_url_public", warnings="fail")
    assert failing["success"] is False
    # the CDK decides success from the severities left after acknowledgements: a failing warning is an error
    assert _summary(failing) == [("WA1001", "error", "HandlerFunctionUrl003AF664", ["Properties.AuthType"])]
    assert failing["violations"][0]["ruleMetadata"]["level"] == "warning"
    assert _report("function_url_public", warnings="ignore") == {
        "success": True,
        "violations": [],
        "pluginVersion": metadata.version("cfn-lint-lambda-auth"),
    }


def test_ignore_checks_leaves_a_rule_out() -> None:
    assert _summary(_report("github_oidc", ignore_checks=("EA3006",))) == [
        (
            "WA2007",
            "warning",
            "CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole517FED65",
            ["Properties.Policies.0.PolicyDocument.Statement.0.Resource"],
        )
    ]


def test_a_clean_cdk_app_gives_no_violation_and_cfn_lint_own_rules_are_left_out_unless_asked() -> None:
    assert _report("clean", warnings="fail", informational="fail")["violations"] == []
    # CDK output carries cfn-lint's W3005 (a DependsOn a GetAtt implies) on most roles: the CDK's doing
    with_cfn_lint = _report("log_retention_legacy", cfn_lint_rules=True, ignore_checks=("WA2007",))
    assert {v["ruleName"] for v in with_cfn_lint["violations"]} == {"W3005"}
    assert _report("log_retention_legacy", ignore_checks=("WA2007",))["violations"] == []


def test_a_rule_option_reaches_the_rule() -> None:
    assert [v["ruleName"] for v in _report("cross_account")["violations"]] == ["WA3005"]
    trusted = _report("cross_account", configure_rules={"WA3005": {"trusted_accounts": ["111122223333"]}})
    assert trusted["violations"] == []


def test_the_fix_is_the_clause_after_the_last_semicolon_and_a_construct_suffix_is_left_to_the_cdk() -> None:
    message = (
        "Function URL of 'Fn' lets anyone invoke it; set AuthType to AWS_IAM [construct: App/Stack/Fn/FunctionUrl]"
    )
    assert _description(message) == "Function URL of 'Fn' lets anyone invoke it; set AuthType to AWS_IAM"
    assert _fix(_description(message), "P") == "set AuthType to AWS_IAM (rule page: P)"
    assert _fix("A message with no fix clause", "P") == "see P"


def test_an_unknown_treatment_is_refused() -> None:
    with pytest.raises(ValueError, match="warnings must be one of fail, report, ignore"):
        Options(warnings="error")


def test_cdk_report_prints_the_report_the_js_plugin_reads(capsys: pytest.CaptureFixture[str]) -> None:
    template = str(CDK / "cross_account.template.json")
    argv = ["--warnings", "fail", "--configure-rule", 'WA3005:trusted_accounts=["444455556666"]', "--", template]
    assert cdk_report_main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == report([template], Options(warnings="fail"))
    assert printed["success"] is False
    assert cdk_report_main(["--configure-rule", 'WA3005:trusted_accounts=["111122223333"]', template]) == 0
    assert json.loads(capsys.readouterr().out)["violations"] == []


def test_the_cli_names_the_shipped_js_plugin_and_its_version_is_the_package_version() -> None:
    cli = Path(sys.executable).parent / "cfn-lint-lambda-auth"
    printed = subprocess.run([str(cli), "cdk-plugin-path"], capture_output=True, text=True, check=True).stdout
    assert Path(printed.strip()) == JS_PLUGIN
    assert JS_PLUGIN.is_file()
    version = re.search(r'^const VERSION = "([^"]+)";', JS_PLUGIN.read_text(encoding="utf-8"), re.MULTILINE)
    assert version is not None
    assert version.group(1) == metadata.version("cfn-lint-lambda-auth")


# --- end to end, with real aws-cdk-lib ------------------------------------------------------------------


def _missing(what: str) -> NoReturn:
    if E2E == "1":
        pytest.fail(f"CFN_LINT_CDK_E2E=1 but {what}")
    pytest.skip(what)


def _wanted() -> None:
    if E2E == "0":
        pytest.skip("CFN_LINT_CDK_E2E=0")


@pytest.fixture(scope="session")
def node_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """aws-cdk-lib from npm: CFN_LINT_CDK_NODE_MODULES, or installed here into a temporary folder."""
    _wanted()
    if shutil.which("node") is None:
        _missing("Node is not installed")
    given = os.environ.get("CFN_LINT_CDK_NODE_MODULES")
    if given:
        return Path(given)
    npm = shutil.which("npm")
    if npm is None:
        _missing("npm is not installed")
    folder = tmp_path_factory.mktemp("cdk-node")
    try:
        subprocess.run([npm, "init", "-y"], cwd=folder, check=True, capture_output=True, timeout=60)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", NPM_CDK, NPM_CONSTRUCTS],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        _missing(f"npm install {NPM_CDK} failed (no registry?): {error}")
    return folder / "node_modules"


@pytest.fixture(scope="session")
def python_cdk() -> None:
    _wanted()
    try:
        import aws_cdk  # noqa: F401
    except ImportError:
        _missing("aws-cdk-lib is not installed in this venv (pip install aws-cdk-lib)")
    if shutil.which("node") is None:
        _missing("Node is not installed (jsii runs aws-cdk-lib in Node)")


def _synth(command: list[str], app: str, outdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        # under pytest the CDK throws its report inside an exception instead of printing it as `cdk synth` does
        if not key.startswith("PYTEST_")
    }
    environment.update(
        env,
        CDK_OUTDIR=str(outdir),
        # the user's PATH, with this venv's cfn-lint-lambda-auth on it as after `pip install`
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1",
    )
    return subprocess.run(
        [*command, str(APPS / app)], cwd=APPS, env=environment, capture_output=True, text=True, timeout=300
    )


def _line(app: str, marker: str) -> int:
    lines = (APPS / app).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if marker in line)


def _validation_report(outdir: Path) -> list[dict[str, Any]]:
    reports = json.loads((outdir / "validation-report.json").read_text(encoding="utf-8"))["pluginReports"]
    return [r for r in reports if r["pluginName"] == "cfn-lint-lambda-auth"]


EA1002 = "ERROR Permission 'HandlerInvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzVmfFkNw5i708528BE96' lets any principal invoke"
WA1001 = "WARNING Function URL of 'Handler886CB40B' lets anyone invoke it without credentials (AuthType 'NONE')"


def _block(stderr: str, first: str) -> list[str]:
    """The CDK's report of one finding: the line above the one that starts with ``first``, it, and 3 after."""
    lines = stderr.splitlines()
    index = next((i for i, line in enumerate(lines) if line.startswith(first)), None)
    assert index is not None, f"{first!r} not in the CDK's output:\n{stderr}"
    return lines[max(0, index - 1) : index + 4]


@pytest.mark.slow
def test_js_app_with_a_planted_problem_fails_synth_at_the_users_source_line(node_modules: Path, tmp_path: Path) -> None:
    done = _synth(["node"], "planted.js", tmp_path, {"NODE_PATH": str(node_modules)})
    assert done.returncode != 0, done.stderr
    error = _block(done.stderr, EA1002)
    # the CDK prints the line of the user's source that created the resource, above the finding
    assert error[0] == f"planted.js:{_line('planted.js', 'fn.grantInvoke(')}:4", done.stderr
    assert error[2].startswith("   Planted/Handler/InvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzV+mf--FkNw5i70= ")
    assert error[3] == (
        "   Suggested fix: name the caller or set SourceArn, SourceAccount or PrincipalOrgID "
        f"(rule page: {PAGE}EA1002.md)"
    )
    assert error[4] == "   Acknowledge with 'cfn-lint-lambda-auth::EA1002'"
    warning = _block(done.stderr, WA1001)
    assert warning[0] == f"planted.js:{_line('planted.js', 'fn.addFunctionUrl(')}:4", done.stderr
    assert warning[2].startswith("   Planted/Handler/FunctionUrl/Resource (HandlerFunctionUrl003AF664)")
    [ours] = _validation_report(tmp_path)
    assert ours["conclusion"] == "failure"
    assert [(v["ruleName"], v["severity"]) for v in ours["violations"]] == [("EA1002", "error"), ("WA1001", "warning")]


@pytest.mark.slow
def test_js_clean_app_passes_synth(node_modules: Path, tmp_path: Path) -> None:
    done = _synth(["node"], "clean.js", tmp_path, {"NODE_PATH": str(node_modules)})
    assert done.returncode == 0, done.stderr
    assert "cfn-lint-lambda-auth" not in done.stderr
    assert (tmp_path / "Clean.template.json").is_file()
    assert _validation_report(tmp_path) == []


@pytest.mark.slow
def test_js_acknowledged_finding_is_not_reported(node_modules: Path, tmp_path: Path) -> None:
    done = _synth(["node"], "acknowledged.js", tmp_path, {"NODE_PATH": str(node_modules)})
    assert done.returncode == 0, done.stderr
    assert "cfn-lint-lambda-auth" not in done.stderr
    [ours] = _validation_report(tmp_path)
    assert ours["conclusion"] == "success"
    assert ours["violations"] == []
    [acknowledged] = ours["suppressedViolations"]
    assert (acknowledged["ruleName"], acknowledged["acknowledgedAt"], acknowledged["reason"]) == (
        "EA1002",
        "Acknowledged/Handler",
        "a public demo endpoint: the handler checks a signed token",
    )


@pytest.mark.slow
@pytest.mark.usefixtures("python_cdk")
def test_python_app_with_a_planted_problem_fails_synth_naming_the_users_source_line(tmp_path: Path) -> None:
    done = _synth([sys.executable], "planted.py", tmp_path, {})
    assert done.returncode != 0, done.stderr
    error = _block(done.stderr, EA1002)
    # jsii runs the CDK in Node: the creation stack the CDK records has no Python frame, so the plugin
    # names the nearest construct the app's Python created, and the line that created it
    created = f"(construct 'Planted/Handler', created at planted.py:{_line('planted.py', 'lambda_.Function(')})"
    assert error[1].endswith(f"PrincipalOrgID {created} (cfn-lint-lambda-auth)"), done.stderr
    assert _block(done.stderr, WA1001)[1].endswith(f"AuthType to AWS_IAM {created} (cfn-lint-lambda-auth)")
    assert error[2].startswith("   Planted/Handler/InvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzV+mf--FkNw5i70= ")
    assert error[4] == "   Acknowledge with 'cfn-lint-lambda-auth::EA1002'"
    assert _block(done.stderr, WA1001)[2].startswith("   Planted/Handler/FunctionUrl/Resource ")
    [ours] = _validation_report(tmp_path)
    assert [(v["ruleName"], v["severity"]) for v in ours["violations"]] == [("EA1002", "error"), ("WA1001", "warning")]


@pytest.mark.slow
@pytest.mark.usefixtures("python_cdk")
def test_python_clean_app_passes_synth(tmp_path: Path) -> None:
    done = _synth([sys.executable], "clean.py", tmp_path, {})
    assert done.returncode == 0, done.stderr
    assert "cfn-lint-lambda-auth" not in done.stderr
    assert _validation_report(tmp_path) == []


@pytest.mark.slow
@pytest.mark.usefixtures("python_cdk")
def test_python_acknowledged_finding_is_not_reported(tmp_path: Path) -> None:
    done = _synth([sys.executable], "acknowledged.py", tmp_path, {})
    assert done.returncode == 0, done.stderr
    assert "cfn-lint-lambda-auth" not in done.stderr
    [ours] = _validation_report(tmp_path)
    assert ours["violations"] == []
    assert [v["ruleName"] for v in ours["suppressedViolations"]] == ["EA1002"]


def _readme_cdk_blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Validation plugin at synth time") :]
    section = section[: section.index("\n## ")]
    return re.findall(rf"^```{language}\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize(("language", "app"), [("js", "clean.js"), ("python", "clean.py")])
def test_the_readme_set_up_is_what_the_end_to_end_apps_run(language: str, app: str) -> None:
    """Every line of the README's set-up snippet is a line of the app the slow tests synthesize
    (but ``new cdk.App()``, which the apps give an outdir)."""
    source = {line.strip() for line in (APPS / app).read_text(encoding="utf-8").splitlines()}
    set_up = _readme_cdk_blocks(language)[0]
    for line in set_up.splitlines():
        if line.strip() and line.strip() not in ("const app = new cdk.App();", "app = cdk.App()"):
            assert line.strip() in source, line
