"""The pre-commit hooks, installed by pre-commit itself from this repository: which files they lint, and how."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from lint_rules._precommit import is_template, main, parse, template_files

EXAMPLE = ROOT / "examples" / "template.yaml"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# A public invoke permission: every template below has one, so a linted file shows in the output (EA1002).
_PUBLIC_PERMISSION_YAML = """\
  PublicInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Handler
      Principal: "*"
"""
_FUNCTION_YAML = """\
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/handler
      Code:
        ZipFile: "def handler(event, context): return None"
"""
_PUBLIC_PERMISSION_JSON = {
    "Type": "AWS::Lambda::Permission",
    "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Handler"}, "Principal": "*"},
}
_FUNCTION_JSON = {
    "Type": "AWS::Lambda::Function",
    "Properties": {
        "Runtime": "python3.12",
        "Handler": "index.handler",
        "Role": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/handler"},
        "Code": {"ZipFile": "def handler(event, context): return None"},
    },
}

# name -> (kind of content, text, where the EA1002 finding is when the file is linted, or None: skipped)
FILES: dict[str, tuple[str, str, str | None]] = {
    "infra/network.yaml": (
        "CloudFormation YAML with AWSTemplateFormatVersion and short-form tags",
        'AWSTemplateFormatVersion: "2010-09-09"\nDescription: network stack\nResources:\n'
        + "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n"
        + _FUNCTION_YAML
        + _PUBLIC_PERMISSION_YAML,
        "infra/network.yaml:21:7",
    ),
    "template.json": (
        "CloudFormation JSON with Resources only",
        json.dumps({"Resources": {"Handler": _FUNCTION_JSON, "PublicInvoke": _PUBLIC_PERMISSION_JSON}}, indent=2),
        "template.json:23:9",
    ),
    "x.template": (
        "CloudFormation JSON in a .template file",
        json.dumps(
            {
                "AWSTemplateFormatVersion": "2010-09-09",
                "Resources": {"Handler": _FUNCTION_JSON, "PublicInvoke": _PUBLIC_PERMISSION_JSON},
            },
            indent=2,
        ),
        "x.template:24:9",
    ),
    "stack-template.yaml": (
        "SAM YAML with the Transform and no AWSTemplateFormatVersion",
        "Transform: AWS::Serverless-2016-10-31\nResources:\n" + _FUNCTION_YAML + _PUBLIC_PERMISSION_YAML,
        "stack-template.yaml:16:7",
    ),
    "docker-compose.template.yml": (
        "docker compose file",
        'services:\n  web:\n    image: "nginx:${NGINX_TAG:-1.27}"\n    ports: ["8080:80"]\n'
        "    deploy:\n      resources:\n        limits: {cpus: '0.5'}\n",
        None,
    ),
    "k8s/job-template.yaml": (
        "Kubernetes Job manifest",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: migrate\n          image: app:1.0\n          resources:\n"
        "            limits: {memory: 128Mi}\n      restartPolicy: Never\n",
        None,
    ),
    ".github/workflows/ci.yml": (
        "GitHub Actions workflow",
        "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: aws cloudformation validate-template --template-body file://template.json\n",
        None,
    ),
    "packer-template.json": (
        "Packer JSON template",
        json.dumps(
            {
                "variables": {"region": "us-east-1"},
                "builders": [{"type": "amazon-ebs", "region": "{{user `region`}}", "ami_name": "app-{{timestamp}}"}],
                "provisioners": [{"type": "shell", "inline": ["echo Resources ready"]}],
            },
            indent=2,
        ),
        None,
    ),
    ".env.template": (
        "dotenv template",
        "DATABASE_URL=postgres://localhost/app\nAWS_REGION=us-east-1\n# Resources: see README\n",
        None,
    ),
    "Dockerfile.template": (
        "Dockerfile template (not matched by the hook's file pattern)",
        "FROM python:3.12\nCOPY Resources/ /app/\n",
        None,
    ),
    "chart/templates/deployment.yaml": (
        "Helm chart template with {{ }} directives",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
        "  template:\n    spec:\n      containers:\n        - name: app\n          resources:\n"
        "            {{- toYaml .Values.resources | nindent 12 }}\n",
        None,
    ),
    "openapi.yaml": (
        "OpenAPI 3 document",
        "openapi: 3.0.3\ninfo:\n  title: Orders\n  version: '1'\npaths:\n  /orders:\n    get:\n"
        "      responses:\n        '200':\n          description: Resources found\n",
        None,
    ),
    "nginx.conf.template": (
        "nginx configuration template",
        "server {\n    listen ${PORT};\n    location /Resources/ { root /srv; }\n}\n",
        None,
    ),
    "email-templates.json": (
        "JSON of e-mail templates",
        json.dumps({"Templates": [{"TemplateName": "Welcome", "SubjectPart": "Resources for you"}]}, indent=2),
        None,
    ),
}


# --- the content check, without pre-commit -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_content_decides(name: str) -> None:
    _, text, where = FILES[name]
    assert is_template(parse(text)) is (where is not None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('AWSTemplateFormatVersion: "2010-09-09"\n', True),  # cfn-lint then reports the missing Resources
        ("Transform: [AWS::Serverless-2016-10-31]\nResources: {}\n", True),
        ("Resources:\n  Hook:\n    Type: Custom::Hook\n", True),
        ("Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n", True),
        ("Resources:\n  Thing:\n    Type: MyOrg::Service::Thing::MODULE\n", True),
        ("Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {TopicName: !Join ['-', [!Ref Env, t]]}}\n", True),
        ("Resources:\n  Bucket: !GetAtt [Other, Bucket]\n  T:\n    Type: !Ref TypeParam\n", False),
        ("Resources:\n  cpu: 2\n  memory: 4Gi\n", False),  # a Resources key that is not CloudFormation's
        ("Resources:\n  - Type: AWS::SNS::Topic\n", False),
        ("- AWSTemplateFormatVersion\n", False),
        ("a: 1\n---\nb: 2\n", False),  # several YAML documents
        ("Resources:\n  T:\n    Type: AWS::SNS::Topic\n  bad: [unclosed\n", False),  # does not parse
        ('{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}', False),  # truncated JSON
        ("", False),
    ],
)
def test_is_template(text: str, expected: bool) -> None:
    assert is_template(parse(text)) is expected


def test_template_files_reads_and_keeps_order(tmp_path: Path) -> None:
    for name, (_, text, _) in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes(b"Resources: \xff\n")
    names = [str(tmp_path / name) for name in [*sorted(FILES), "latin1.yaml", "missing.yaml"]]
    expected = [str(tmp_path / name) for name in sorted(FILES) if FILES[name][2] is not None]
    assert template_files(names) == expected


def test_main_lints_templates_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("infra/network.yaml", "openapi.yaml", "stack-template.yaml"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(FILES[name][1], encoding="utf-8")
    code = main(["--format", "parseable", "--", "infra/network.yaml", "openapi.yaml", "stack-template.yaml"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 2  # errors only: cfn-lint's exit code
    assert [line.split(":")[:3] + line.split(":")[5:6] for line in lines] == [
        ["infra/network.yaml", "21", "7", "EA1002"],
        ["stack-template.yaml", "16", "7", "EA1002"],
    ]


def test_main_without_templates_exits_0(tmp_path: Path) -> None:
    openapi = tmp_path / "openapi.yaml"
    openapi.write_text(FILES["openapi.yaml"][1], encoding="utf-8")
    assert main(["--", str(openapi)]) == 0
    assert main(["--"]) == 0
    assert main([]) == 0


def test_main_asks_for_the_separator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-i", "WA1001", "template.yaml"]) == 1
    assert "end the cfn-lint options with '--'" in capsys.readouterr().err


# --- through pre-commit ------------------------------------------------------------------------------


def _hook_ids() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return [hook["id"] for hook in hooks]


def test_readme_mentions_every_hook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook_id in _hook_ids():
        assert f"`{hook_id}`" in readme, hook_id


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True
    )


def _try_repo(repo: Path, hook_id: str, *args: str) -> subprocess.CompletedProcess[str]:
    """pre-commit installs this repository (its committed and staged files) into a fresh environment."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PYTHONPATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook_id, "--verbose", *args],
        cwd=repo,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _repository(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    _git(path, "init", "-q")
    _git(path, "add", ".")
    _git(path, "commit", "-q", "-m", "init")
    return path


@needs_git
def test_hook_lints_templates_and_skips_everything_else(tmp_path: Path) -> None:
    files = {name: text for name, (_, text, _) in FILES.items()}
    repo = _repository(tmp_path / "project", {**files, "template.yaml": EXAMPLE.read_text(encoding="utf-8")})
    done = _try_repo(repo, "cfn-lint-lambda-auth", "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output  # findings fail the hook
    assert "Traceback" not in output
    for name, (kind, _, where) in FILES.items():
        if where is None:
            assert name not in output, f"{name} ({kind}) was linted"
        else:
            assert f"{where}\n" in output, f"{name} ({kind}) was not linted"
    assert output.count("EA1002 Permission 'PublicInvoke' lets any principal invoke 'Handler'") == 4
    for rule_id, where in (("WA1001", "19:9"), ("EA4001", "24:15"), ("EA2001", "29:15"), ("EA1002", "45:7")):
        assert f"\n{rule_id} " in output and f"template.yaml:{where}\n" in output, (rule_id, output)


@needs_git
def test_rc_hook_runs_when_only_a_listed_template_changes(tmp_path: Path) -> None:
    """`.cfnlintrc` lists stacks/network.yaml, a name no file pattern would match: the hook still runs."""
    network = "stacks/network.yaml"
    rc = f"append_rules:\n  - lint_rules\ntemplates:\n  - {network}\n"
    repo = _repository(tmp_path / "project", {".cfnlintrc": rc, network: "Resources:\n" + _FUNCTION_YAML})
    (repo / network).write_text(FILES["stack-template.yaml"][1], encoding="utf-8")  # adds a public permission
    _git(repo, "add", network)
    done = _try_repo(repo, "cfn-lint-lambda-auth-rc")  # staged files only, not --all-files
    output = done.stdout + done.stderr
    assert "no files to check" not in output
    assert done.returncode == 1, output
    assert "EA1002 Permission 'PublicInvoke' lets any principal invoke 'Handler'" in output
    assert f"{network}:16:7\n" in output
