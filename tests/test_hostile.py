"""Hostile templates through cfn-lint's real CLI, with and without the plugin (tests/hostile_cases.py
generates them): the plugin may add errors, never lose one, never crashes a rule (E0002), never puts a
traceback on stderr, and emits a bounded number of findings. Plugin findings are checked line by line.

Nothing here is timed: how long a run takes depends on how busy the machine is. The work is bounded
instead (tests/test_scaling.py counts the plugin's Python calls as templates grow), and absolute times
are measured by scripts/benchmark.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hostile_cases import cases
from lint_rules._findings import MAX_FINDINGS_PER_RULE

pytestmark = pytest.mark.slow

CASES = cases()
CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
_DEEP = (
    "EA4001 Resource policy 'RP': The policy document is a JSON string nested more than 32 levels deep, deeper "
    "than IAM accepts; write it as a mapping of Version and Statement"
)
# The rules these cases were written against; their findings are pinned exactly. Later rules' findings
# on these cases are only checked for shape (a real line, no trailing period): their fixtures pin them.
PINNED = {"EA1002", "EA2001", "EA4001", "WA1001"}
# The plugin's findings (line:column ID message), exactly. Findings inside a JSON-string document sit on
# the key holding the string; YAML aliases report at the anchor; Fn::If chains at the deepest branch.
EXPECTED: dict[str, list[str]] = {
    "json-string-deep-3000": [f"24:5 {_DEEP}"],
    "json-string-deep-100000": [f"24:5 {_DEEP}"],
    # 2,000 public statements: the first hundred are listed, the rest counted (MAX_FINDINGS_PER_RULE)
    "json-string-2000-findings": [
        f"24:5 EA1002 Statement {index + 1} of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or "
        "add an aws:SourceArn or aws:PrincipalOrgID condition"
        for index in range(MAX_FINDINGS_PER_RULE)
    ]
    + [
        f"24:5 EA1002 {2000 - MAX_FINDINGS_PER_RULE} more findings of this rule in this template are not listed "
        f"(from here on); fix the {MAX_FINDINGS_PER_RULE} above, or the pattern they share, and lint again"
    ],
    "alias-bomb": [
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 1 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 2 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 3 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 4 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 5 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 1 Action item 6 is a list, not a valid value; fix its shape",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 1 is a list, not a valid value; use a string, number or boolean",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 2 is a list, not a valid value; use a string, number or boolean",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 3 is a list, not a valid value; use a string, number or boolean",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 4 is a list, not a valid value; use a string, number or boolean",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 5 is a list, not a valid value; use a string, number or boolean",
        "19:11 EA4001 Resource policy 'Bomb': Statement 2 Condition StringEquals aws:SourceAccount item 6 is a list, not a valid value; use a string, number or boolean",
        "20:11 EA4001 Resource policy 'Bomb': Statement 3 is a list where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "38:13 EA4001 Resource policy 'Bomb': Statement 2 has neither 'Resource' nor 'NotResource', which IAM requires; add 'Resource'",
        "39:13 EA4001 Resource policy 'Bomb': Statement 2 Principal is a list where '*' or a mapping belongs; use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
    ],
    "cycles": [
        "131:5 WA1001 Function URL of 'Url' lets anyone invoke it without credentials (AuthType 'NONE'); set AuthType to AWS_IAM",
    ],
    "deep-intrinsics-75": [
        "37:7316 EA2001 Statement 76 of SAM inline policy 3 allows Action '*' on Resource '*'; list the actions it needs on the resources it uses",
        "76:4146 EA1002 Statement 2 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
    ],
    "fn-if-130": [
        "32:5478 EA1002 Permission 'P' lets any principal invoke 'Fn'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID",
        "51:7171 EA1002 Statement 1 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
    ],
    "fn-if-50": [
        "32:2118 EA1002 Permission 'P' lets any principal invoke 'Fn'; name the caller or set SourceArn, SourceAccount or PrincipalOrgID",
        "51:2771 EA1002 Statement 1 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
    ],
    "fn-if-400": [],
    "fn-if-3000": [],
    "fn-join-75": [
        "30:8 EA1002 Statement 1 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
    ],
    "fn-join-400": [],
    "json-string-deep-in-iam-policy": [],
    "json-string-deep-sam-trust": [
        "10:5 EA4001 SAM trust policy: The policy document is a JSON string nested more than 32 levels deep, deeper than IAM accepts; write it as a mapping of Version and Statement",
    ],
    "json-string-truncated": [
        "24:5 EA4001 Resource policy 'RP': The policy document is a JSON string that does not parse ('Unterminated string starting at' at character 41); fix the JSON or write it as a mapping",
    ],
    "json-string-enormous": [
        "24:5 EA1002 Statement 1 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 1001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 2001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 3001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 4001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 5001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 6001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 7001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 8001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
        "24:5 EA1002 Statement 9001 of resource policy 'RP' lets any principal invoke 'Fn'; name the caller or add an aws:SourceArn or aws:PrincipalOrgID condition",
    ],
    "access-key-secret-shapes": [],
    "statements-10000": [],
    "wrong-shape-string": [
        "154:7 EA4001 Inline policy '{not a mapping': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "178:5 EA4001 Policy 'IAMPolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "229:5 EA4001 Policy 'IAMManagedPolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "280:5 EA4001 Policy 'IAMRolePolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "319:5 EA4001 Policy 'IAMUserPolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "358:5 EA4001 Policy 'IAMGroupPolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "38:7 EA4001 Inline policy '{not a mapping': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "547:5 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "555:7 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 is a string where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "560:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal is the string '{not a mapping', not '*' or a mapping; name the kind of principal, such as AWS: '{not a mapping'",
        "561:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition is a string, not a valid value; use a mapping of operator to key and value",
        "58:5 EA4001 Trust policy: The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "722:5 EA4001 SAM trust policy: The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
        "729:6 EA4001 SAM trust policy: 'Statement' is a string where a mapping belongs; write Statement as a list of statement mappings",
        "730:6 EA4001 SAM trust policy: 'Version' is '{not a mapping', not a policy language version; use '2012-10-17' or '2008-10-17'",
        "93:7 EA4001 Inline policy '{not a mapping': The policy document is a JSON string that does not parse ('Expecting property name enclosed in double quotes' at character 1); fix the JSON or write it as a mapping",
    ],
    "wrong-shape-mapping": [
        "741:5 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document has no 'Statement', which IAM requires; add a Statement list",
        "742:6 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document has unknown key 'Key', which IAM rejects; use only Id, Statement, Version",
        "751:7 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 has no 'Effect', 'Action', 'Resource' or 'Principal', which IAM requires; add them",
        "752:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 has unknown key 'Key', which IAM rejects; use only Action, Condition, Effect, NotAction, NotPrincipal, NotResource, Principal, Resource, Sid",
        "759:9 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal has unknown key 'Key', which IAM rejects; use only AWS, CanonicalUser, Federated, Service",
        "762:9 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition Key is a string, not a valid value; use a mapping of condition key to values",
        "984:5 EA4001 SAM trust policy: The policy document has no 'Statement', which IAM requires; add a Statement list",
        "985:6 EA4001 SAM trust policy: The policy document has unknown key 'Key', which IAM rejects; use only Id, Statement, Version",
        "993:6 EA4001 SAM trust policy: The statement has no 'Effect', 'Action' or 'Principal', which IAM requires; add them",
        "994:7 EA4001 SAM trust policy: The statement has unknown key 'Key', which IAM rejects; use only Action, Condition, Effect, NotAction, NotPrincipal, NotResource, Principal, Resource, Sid",
        "996:6 EA4001 SAM trust policy: 'Version' is a mapping, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ],
    "wrong-shape-list": [
        "1032:5 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document is a list, not a valid value; write the document as a mapping of Version and Statement",
        "1045:7 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 is a list where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "1055:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal is a list where '*' or a mapping belongs; use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
        "1061:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition is a list, not a valid value; use a mapping of operator to key and value",
        "1377:5 EA4001 SAM trust policy: The policy document is a list, not a valid value; write the document as a mapping of Version and Statement",
        "1390:7 EA4001 SAM trust policy: Statement 1 is a string where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "1391:7 EA4001 SAM trust policy: Statement 2 has no 'Effect', 'Action' or 'Principal', which IAM requires; add them",
        "1392:8 EA4001 SAM trust policy: Statement 2 has unknown key 'b', which IAM rejects; use only Action, Condition, Effect, NotAction, NotPrincipal, NotResource, Principal, Resource, Sid",
        "1395:6 EA4001 SAM trust policy: 'Version' is a list, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ],
    "wrong-shape-null": [
        "554:6 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 is null where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "560:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal is null where '*' or a mapping belongs; use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
        "561:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition is null, not a valid value; use a mapping of operator to key and value",
        "729:6 EA4001 SAM trust policy: 'Statement' is null where a mapping belongs; write Statement as a list of statement mappings",
        "730:6 EA4001 SAM trust policy: 'Version' is null, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ],
    "wrong-shape-nested": [
        "1420:5 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document is a list, not a valid value; write the document as a mapping of Version and Statement",
        "1437:7 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 is a list where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "1451:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal is a list where '*' or a mapping belongs; use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
        "1461:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition is a list, not a valid value; use a mapping of operator to key and value",
        "1854:7 EA4001 SAM inline policy 2: 'Statement' is a string where a mapping belongs; write Statement as a list of statement mappings",
        "1901:5 EA4001 SAM trust policy: The policy document is a list, not a valid value; write the document as a mapping of Version and Statement",
        "1918:7 EA4001 SAM trust policy: Statement 1 is a list where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "1923:7 EA4001 SAM trust policy: Statement 2 has no 'Effect', 'Action' or 'Principal', which IAM requires; add them",
        "1924:8 EA4001 SAM trust policy: Statement 2 has unknown key 'Statement', which IAM rejects; use only Action, Condition, Effect, NotAction, NotPrincipal, NotResource, Principal, Resource, Sid",
        "1927:6 EA4001 SAM trust policy: 'Version' is a list, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ],
    "wrong-shape-scalar": [
        "547:5 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocument': The policy document is a number, not a valid value; write the document as a mapping of Version and Statement",
        "554:6 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 1 is a number where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        "560:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Principal is a number where '*' or a mapping belongs; use '*' or a mapping of AWS, Service, Federated or CanonicalUser",
        "561:8 EA4001 Resource policy 'LambdaResourcePolicyPolicyDocumentInner': Statement 2 Condition is a number, not a valid value; use a mapping of operator to key and value",
        "722:5 EA4001 SAM trust policy: The policy document is a number, not a valid value; write the document as a mapping of Version and Statement",
        "729:6 EA4001 SAM trust policy: 'Statement' is a number where a mapping belongs; write Statement as a list of statement mappings",
        "730:6 EA4001 SAM trust policy: 'Version' is the number 7, not a policy language version; use '2012-10-17' or '2008-10-17'",
    ],
}


def _run(path: Path, *extra: str) -> tuple[int, list[str], str]:
    done = subprocess.run(
        [CFN_LINT, "--format", "parseable", *extra, "--", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    findings = []
    for line in done.stdout.splitlines():
        _, line_number, column, _, _, rule_id, message = line.split(":", 6)
        findings.append(f"{line_number}:{column} {rule_id} {message}")
    return done.returncode, findings, done.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_template(name: str, tmp_path: Path) -> None:
    suffix, text = CASES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(text, encoding="utf-8")
    without_code, without, _ = _run(path)
    with_code, found, stderr = _run(path, "--append-rules=lint_rules")

    assert without_code & ~with_code == 0, f"the plugin lost exit bits: {without_code} -> {with_code}"
    assert with_code != 1
    assert [f for f in found if " E0002 " in f] == []
    assert "Traceback" not in stderr
    assert "cfn-lint-lambda-auth" not in stderr  # no resource failed to load
    assert sorted(f for f in found if f.split()[1][1:2] != "A") == sorted(without)
    ours = sorted(f for f in found if f.split()[1][1:2] == "A")
    for finding in ours:
        assert not finding.startswith("0:") and not finding.endswith(".")
    assert [f for f in ours if f.split()[1] in PINNED] == sorted(EXPECTED[name])
    per_rule: dict[str, int] = {}
    for finding in ours:
        per_rule[finding.split()[1]] = per_rule.get(finding.split()[1], 0) + 1
    assert max(per_rule.values(), default=0) <= MAX_FINDINGS_PER_RULE + 1, per_rule
