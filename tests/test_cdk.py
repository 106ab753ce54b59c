"""Templates the AWS CDK synthesized (tests/cdk/, from scripts/synth_cdk_fixtures.py) through real cfn-lint.

Each ``<name>.template.json`` gives exactly the plugin findings in ``<name>.expected.txt`` (same
``file:line:col ID message`` format as tests/fixtures). cfn-lint's own findings are left out: CDK
output carries W3005 (a DependsOn also implied by a GetAtt) on most roles, which is the CDK's doing,
not an access fact.

AdministratorAccess (EA2002) and the cross-account trust (WA3005) are written with ``Fn::Join``, as the
CDK writes every managed-policy ARN and account principal: the value reader (lint_rules/model/_values.py)
reads them.

Every resource carries ``Metadata: aws:cdk:path`` (the synth script passes the context the cdk CLI does),
so every finding ends with ``[construct: <path>]``, and findings on the CDK's generated helpers say so
(lint_rules/model/_cdk.py). ``bootstrap.template.yaml`` is the CDK bootstrap template
(``cdk bootstrap --show-template``), whose helpers are recognised by its version parameter and role names.
"""

from __future__ import annotations

import copy
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import lint
from cfnlint.config import ManualArgs
from cfnlint.decode import decode_str

from conftest import ROOT, lint_file, lint_text
from lint_rules.model import build

CDK = ROOT / "tests" / "cdk"
TEMPLATES = sorted(CDK.glob("*.template.json"))
BOOTSTRAP = CDK / "bootstrap.template.yaml"
CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
PLUGIN_PREFIXES = ("EA", "WA", "IA")


def _name(path: Path) -> str:
    return path.name.removesuffix(".template.json")


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return sorted(line for line in path.read_text(encoding="utf-8").splitlines() if line)


def _plugin_findings(path: Path) -> list[str]:
    found = []
    for line in lint_file(path):
        rule_id = line.split(" ", 2)[1]
        if rule_id.startswith(PLUGIN_PREFIXES):
            found.append(f"{path.name}:{line}")
    return sorted(found)


_FOUND: dict[Path, list[str]] = {}


def _found(path: Path) -> list[str]:
    if path not in _FOUND:
        _FOUND[path] = _plugin_findings(path)
    return _FOUND[path]


@pytest.mark.parametrize("path", [*TEMPLATES, BOOTSTRAP], ids=[*(_name(p) for p in TEMPLATES), "bootstrap"])
def test_cdk_template(path: Path) -> None:
    assert _found(path) == _lines(CDK / f"{path.name.split('.', 1)[0]}.expected.txt")


def test_the_cdk_written_administrator_policy_and_account_principal_are_read() -> None:
    assert [line.split()[1] for line in _found(CDK / "admin_function.template.json")] == ["EA2002"]
    assert [line.split()[1] for line in _found(CDK / "cross_account.template.json")] == ["WA3005"]


def test_every_template_has_an_app_and_an_expectation() -> None:
    apps = sorted(app.parent.name for app in (CDK / "apps").glob("*/app.js"))
    assert [_name(p) for p in TEMPLATES] == apps
    for path in TEMPLATES:
        assert (CDK / f"{_name(path)}.expected.txt").is_file(), f"{path.name} has no expected.txt"
    for expectation in CDK.glob("*.expected.txt"):
        for line in _lines(expectation):
            name = line.split(":", 1)[0]
            suffix = ".template.yaml" if expectation.name == "bootstrap.expected.txt" else ".template.json"
            assert name == expectation.name.split(".", 1)[0] + suffix, f"{expectation}: {line}"


def test_clean_app_is_clean() -> None:
    """The ordinary app (scoped grants, bucket notification, log retention) draws no plugin finding."""
    assert _lines(CDK / "clean.expected.txt") == []


def _template(name: str) -> dict[str, Any]:
    return dict(json.loads((CDK / f"{name}.template.json").read_text(encoding="utf-8")))


def _without_paths(template: dict[str, Any]) -> dict[str, Any]:
    """The template as ``cdk synth --no-path-metadata`` writes it."""
    stripped = copy.deepcopy(template)
    for resource in stripped["Resources"].values():
        resource.get("Metadata", {}).pop("aws:cdk:path", None)
    return stripped


def _plugin(lines: list[str]) -> list[str]:
    return [line for line in lines if line.split(" ", 2)[1].startswith(PLUGIN_PREFIXES)]


GRANT = (
    "EA1002 Permission 'HandlerInvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzVmfFkNw5i708528BE96' lets any principal "
    "invoke 'Handler886CB40B'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID"
)
GRANT_CONSTRUCT = " [construct: GrantInvokeAny/Handler/InvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzV+mf--FkNw5i70=]"


def test_construct_path_in_the_cli_text_output() -> None:
    done = subprocess.run(
        [CFN_LINT, "--append-rules=lint_rules", "--", "tests/cdk/grant_invoke_any.template.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 6, done.stderr  # EA1002, and cfn-lint's W3005 on the role
    assert f"{GRANT}{GRANT_CONSTRUCT}\ntests/cdk/grant_invoke_any.template.json:69:9\n" in done.stdout


def test_construct_path_in_sarif(tmp_path: Path) -> None:
    pytest.importorskip("sarif_om")
    out = tmp_path / "out.sarif"
    command = [CFN_LINT, "--append-rules=lint_rules", "--format", "sarif", "--output-file", str(out)]
    done = subprocess.run(
        [*command, "--", "tests/cdk/grant_invoke_any.template.json"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 6, done.stderr  # EA1002, and cfn-lint's W3005 on the role
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["message"]["text"] for r in results if r["ruleId"] == "EA1002"] == [
        GRANT.split(" ", 1)[1] + GRANT_CONSTRUCT
    ]


def test_without_path_metadata_messages_are_unchanged() -> None:
    """``cdk synth --no-path-metadata`` (or any template without it): the messages of before, no construct."""
    lines = _plugin(lint_text(json.dumps(_without_paths(_template("grant_invoke_any")), indent=2)))
    assert [line.split(" ", 1)[1] for line in lines] == [GRANT]


def test_construct_path_of_a_long_path_keeps_its_innermost_constructs() -> None:
    template = _template("grant_invoke_any")
    deep = "GrantInvokeAny/" + "/".join(f"Level{n:02d}" for n in range(30)) + "/Handler/Invoke/Resource"
    template["Resources"]["HandlerInvokekH9AghGOXVyQgdwEbySwD7g4iGsUrzVmfFkNw5i708528BE96"]["Metadata"][
        "aws:cdk:path"
    ] = deep
    (line,) = _plugin(lint_text(json.dumps(template, indent=2)))
    suffix = line.split(" [construct: ", 1)[1]
    assert suffix.startswith(".../Level") and suffix.endswith("/Level29/Handler/Invoke]")
    assert len(suffix) <= 121


def _public_api(*options: str) -> list[str]:
    config = ManualArgs(regions=["us-east-1"], include_checks=["IA"])
    config["append_rules"] = ["lint_rules"]  # type: ignore[typeddict-unknown-key]
    if options:
        config["configure_rules"] = {rule: {"public_by_design": list(options)} for rule in ("WA1012", "IA1013")}
    matches = lint((CDK / "public_api.template.json").read_text(encoding="utf-8"), config=config)
    return sorted(
        f"{m.rule.id} {m.message.rsplit('[construct: ', 1)[-1]}" for m in matches if m.rule.id in ("WA1012", "IA1013")
    )


def test_public_by_design_takes_construct_paths() -> None:
    both = ["IA1013 PublicApi/Api/Default/status/GET]", "WA1012 PublicApi/Api/Default/webhook/POST]"]
    assert _public_api() == both
    # exact, as findings name it or as the metadata writes it (with /Resource)
    assert _public_api("PublicApi/Api/Default/webhook/POST") == both[:1]
    assert _public_api("PublicApi/Api/Default/status/GET/Resource") == both[1:]
    # a construct and everything in it
    assert _public_api("PublicApi/Api/*") == []
    assert _public_api("PublicApi/Api/Default/webhook/*") == both[:1]
    # the function by its construct path, and logical ids as before
    assert _public_api("PublicApi/Handler") == []
    # no prefix match without /*, no match of a sibling sharing a prefix
    assert _public_api("PublicApi/Api/Default/webhook") == both
    assert _public_api("PublicApi/Ap/*") == both


def test_public_by_design_takes_construct_paths_on_the_command_line() -> None:
    done = subprocess.run(
        [
            CFN_LINT,
            "--append-rules=lint_rules",
            "-x",
            "WA1012:public_by_design=PublicApi/Api/Default/webhook/*",
            "--",
            "tests/cdk/public_api.template.json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "WA1012" not in done.stdout, done.stdout


LOG_RETENTION_BEFORE = (
    "WA2007 Statement 1 of policy 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB' "
    "allows 'logs:DeleteRetentionPolicy' (write) on Resource '*' (any log group in any account); name the "
    "resources it uses"
)


def test_helper_findings_say_the_cdk_generated_them() -> None:
    """The message a CDK user sees on the LogRetention helper, and what it was without path metadata."""
    template = _template("log_retention_legacy")
    (before,) = _plugin(lint_text(json.dumps(_without_paths(template), indent=2)))
    assert before.split(" ", 1)[1] == LOG_RETENTION_BEFORE
    (after,) = _plugin(lint_text(json.dumps(template, indent=2)))
    assert after.split(" ", 1)[1] == (
        LOG_RETENTION_BEFORE + "; generated by the CDK (LogRetention function of the logRetention option, for "
        "LogRetentionLegacy/Handler/LogRetention): give the function a logGroup instead of logRetention "
        "[construct: LogRetentionLegacy/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy]"
    )


def test_helpers_are_recognised_by_path_and_shape_not_by_logical_id() -> None:
    template = _template("log_retention_legacy")
    function = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A"

    def note(changed: dict[str, Any]) -> bool:
        (line,) = _plugin(lint_text(json.dumps(changed, indent=2)))
        return "generated by the CDK" in line

    assert note(template)
    # another handler: not the CDK's LogRetention function
    other = copy.deepcopy(template)
    other["Resources"][function]["Properties"]["Handler"] = "app.main"
    assert not note(other)
    # no Custom::LogRetention served by it
    other = copy.deepcopy(template)
    other["Resources"]["HandlerLogRetention34184093"]["Type"] = "Custom::Other"
    assert not note(other)
    # the construct moved out of the helper's path
    other = copy.deepcopy(template)
    other["Resources"][function]["Metadata"]["aws:cdk:path"] = "LogRetentionLegacy/MyRetention/Resource"
    assert not note(other)


def test_helpers_nothing_in_the_app_changes_are_not_reported() -> None:
    """The Provider framework's waiter role trusts states.amazonaws.com with no aws:SourceAccount (IA3009):
    CDK code, not the app's. Without path metadata it is an ordinary role and reported."""
    template = _template("custom_resources")
    waiter = [line for line in _plugin(lint_text(json.dumps(_without_paths(template), indent=2))) if "IA3009" in line]
    assert [line.split(" ", 2)[2].split(";")[0] for line in waiter] == [
        "Role 'ProviderwaiterstatemachineRole0C7159F9' lets service 'states.amazonaws.com' assume it on behalf "
        "of any account's resource"
    ]
    assert not [line for line in _found(CDK / "custom_resources.template.json") if "IA3009" in line]


def test_bucket_deployment_policy_is_not_reported() -> None:
    """BucketDeployment's singleton function may delete objects of its destination (IA2005 on 's3:DeleteObject*'):
    the CDK's choice. Reported without path metadata, not in cdk.out (its app expects no finding at all)."""
    template = _template("generated_helpers")
    before = _plugin(lint_text(json.dumps(_without_paths(template), indent=2)))
    assert [line.split(" ", 1)[1] for line in before] == [
        "IA2005 Statement 2 of policy 'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756CServiceRoleDefaultPolicy88902FDF' "
        "allows 's3:DeleteObject*' (6 s3 actions, 'DeleteObject' among them) on the resources named; list the actions it calls"
    ]
    assert _found(CDK / "generated_helpers.template.json") == []


def test_the_readme_command_lints_stacks_nested_stacks_and_stages(tmp_path: Path) -> None:
    """The README's command on a cdk.out laid out as cdk synth lays it out (tests/cdk has one of each kind
    of finding to tell the templates apart)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Linting `cdk.out` in CI") :]
    command = section.split("```sh\n", 1)[1].split("\n", 1)[0].split(" && ", 1)[1]
    out = tmp_path / "cdk.out"
    (out / "assembly-Prod").mkdir(parents=True)
    shutil.copy(CDK / "grant_invoke_any.template.json", out / "GrantInvokeAny.template.json")
    shutil.copy(CDK / "cross_account.template.json", out / "GrantInvokeAnyPartnerB1C2D3E4.nested.template.json")
    shutil.copy(CDK / "admin_function.template.json", out / "assembly-Prod" / "ProdAdminFunctionA1B2C3D4.template.json")
    (out / "manifest.json").write_text('{"version": "48.0.0"}\n', encoding="utf-8")
    (out / "tree.json").write_text('{"version": "tree-0.1"}\n', encoding="utf-8")
    argv = shlex.split(command)
    assert argv[0] == "cfn-lint"
    done = subprocess.run([CFN_LINT, *argv[1:]], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 6, done.stdout + done.stderr
    located = sorted(
        (line.split(":", 1)[0], finding.split(" ", 1)[0])
        for finding, line in zip(done.stdout.splitlines(), done.stdout.splitlines()[1:], strict=False)
        if finding[:1] in "EWI" and finding[1:2] == "A"
    )
    assert located == [
        ("cdk.out/GrantInvokeAny.template.json", "EA1002"),
        ("cdk.out/GrantInvokeAnyPartnerB1C2D3E4.nested.template.json", "WA3005"),
        ("cdk.out/assembly-Prod/ProdAdminFunctionA1B2C3D4.template.json", "EA2002"),
    ]


def test_odd_path_metadata_costs_nothing_and_crashes_nothing() -> None:
    """A path that is not a string, an empty one, one of 100,000 constructs, and helper shapes with the
    wrong types: findings as without the metadata, or with a bounded construct path, and no crash."""
    template = _template("log_retention_legacy")
    resources = template["Resources"]
    policy = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB"
    resources[policy]["Metadata"]["aws:cdk:path"] = "/".join(["A"] * 100_000)
    resources["HandlerServiceRoleFCDC14AE"]["Metadata"] = {"aws:cdk:path": {"Ref": "AWS::StackName"}}
    resources["Handler886CB40B"]["Metadata"] = {"aws:cdk:path": ""}
    resources["HandlerLogRetention34184093"]["Properties"]["ServiceToken"] = {"Fn::GetAtt": "nonsense"}
    resources["LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A"]["Properties"]["Handler"] = ["index.handler"]
    lines = lint_text(json.dumps(template, indent=2))
    assert [line for line in lines if line.split(" ", 2)[1] in ("E0002", "E0000")] == []
    (line,) = _plugin(lines)
    assert line.split(" ", 1)[1] == LOG_RETENTION_BEFORE + " [construct: .../" + "/".join(["A"] * 58) + "]"


def test_the_per_rule_cap_and_long_values_leave_the_construct_path_whole() -> None:
    """105 public permissions, each at its own construct, one with a 200-character logical id: 100
    findings, then the closing one at the first left out, with its construct; the long value is cut,
    the construct path after it is not."""
    resources: dict[str, Any] = {
        "Fn": {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Handler": "index.handler",
                "Runtime": "nodejs22.x",
                "Role": "arn:aws:iam::111122223333:role/r",
                "Code": {"ZipFile": "x"},
            },
        }
    }
    for n in range(105):
        resources[f"Perm{n:03d}"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "*"},
            "Metadata": {"aws:cdk:path": f"Stack/Fn/Invoke{n:03d}/Resource"},
        }
    resources = {("P" * 200 if name == "Perm000" else name): resource for name, resource in resources.items()}
    lines = [line for line in lint_text(json.dumps({"Resources": resources}, indent=2)) if " EA1002 " in line]
    assert len(lines) == 101
    assert sum("more findings of this rule" in line for line in lines) == 1
    closing = next(line for line in lines if "more findings of this rule" in line)
    assert closing.endswith("lint again [construct: Stack/Fn/Invoke100]")
    long = next(line for line in lines if "Invoke000]" in line)
    assert "Permission '" + "P" * 117 + "...' lets" in long and long.endswith(" [construct: Stack/Fn/Invoke000]")


def test_the_bootstrap_template_is_recognised_by_its_version_parameter_and_role_names() -> None:
    text = BOOTSTRAP.read_text(encoding="utf-8")
    # a role only CloudFormation assumes is a deployment role: its AdministratorAccess is IA2028, not EA2002
    exec_role = [line for line in _found(BOOTSTRAP) if " IA2028 " in line]
    assert [line.split(" ", 2)[2] for line in exec_role] == [
        "AWS managed policy 'AdministratorAccess' gives deployment role 'CloudFormationExecutionRole' (assumed by "
        "'cloudformation.amazonaws.com') administrator access; AWS recommends a scoped execution role: allow what its "
        "stacks deploy; generated by the CDK (bootstrap template's CloudFormation execution role): bootstrap with "
        "--cloudformation-execution-policies naming narrower policies"
    ]
    # not the bootstrap template without its version parameter: the same roles are ordinary roles
    other = text.replace("/cdk-bootstrap/${Qualifier}/version", "/my-app/${Qualifier}/version")
    assert not [line for line in _plugin(lint_text(other)) if "generated by the CDK" in line]
    # nor a role that is not named as the bootstrap template names it
    renamed = text.replace("cdk-${Qualifier}-cfn-exec-role-", "my-${Qualifier}-cfn-exec-role-")
    (line,) = [line for line in _plugin(lint_text(renamed)) if " IA2028 " in line]
    assert "generated by the CDK" not in line
    # the example permissions boundary (Allow * with Deny statements) is attached to nothing, so it grants
    # nothing and is graded nowhere (issue 15): not in the bootstrap template, nor outside it
    assert not [line for line in _plugin(lint_text(other)) if "CdkBoostrapPermissionsBoundaryPolicy" in line]
    assert not [line for line in _found(BOOTSTRAP) if "CdkBoostrapPermissionsBoundaryPolicy" in line]


def test_every_helper_of_the_data_is_recognised_in_a_synthesized_template() -> None:
    """lint_rules/data/cdk_helpers.json and tests/cdk agree: each helper is in some app's cdk.out, found at
    the resources the CDK writes for it, and each bootstrap name in the bootstrap template."""
    found: dict[str, set[str]] = {}
    for path in TEMPLATES:
        for logical_id, helper in build(_template(_name(path))).cdk_helpers.items():
            found.setdefault(helper.name, set()).add(logical_id)
    data = json.loads((ROOT / "lint_rules" / "data" / "cdk_helpers.json").read_text(encoding="utf-8"))
    assert sorted(found) == sorted(entry["name"] for entry in data["helpers"])
    assert found["LogRetention"] == {
        "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A",
        "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB",
        "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB",
    }
    assert found["Provider framework waiter"] == {
        "Providerwaiterstatemachine5D4A9DF0",
        "ProviderwaiterstatemachineRole0C7159F9",
        "ProviderwaiterstatemachineRoleDefaultPolicyD3C3DA1A",
    }
    # the user's own functions the Provider calls are not the CDK's
    assert not {"OnEvent74718524", "IsComplete544AE5AD"} & set().union(*found.values())
    bootstrap, _ = decode_str(BOOTSTRAP.read_text(encoding="utf-8"))
    names = {helper.name for helper in build(bootstrap).cdk_helpers.values()}
    assert names == {"bootstrap " + name for name in data["bootstrap"]["names"]}


def test_the_readme_quotes_findings_as_they_are() -> None:
    """The findings the README's CDK section shows are the ones tests/cdk pins."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Linting `cdk.out` in CI")
    ends = [readme.find(heading, start + 1) for heading in ("\n## ", "\n### ")]
    section = readme[start : min([end for end in ends if end != -1] or [len(readme)])]
    quoted = [block.split("\n", 1)[0] for block in section.split("```text\n")[1:]]
    pinned = {line.split(" ", 1)[1] for path in CDK.glob("*.expected.txt") for line in _lines(path)}
    assert len(quoted) == 2
    assert [message for message in quoted if message not in pinned] == []
