"""EA3025: an access key's secret written to an output, a Lambda variable or an SSM parameter."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model

_WHERE = {
    "output": "Output '{holder}' shows",
    "environment": "Environment variable {variable}of function '{holder}' holds",
    "ssm": "SSM parameter '{holder}' stores",
}
_FIX = {
    "output": "store it in a Secrets Manager secret (SecretString) and output the secret's ARN",
    "environment": "give the function a role instead of a user's key",
    "ssm": "store it in a Secrets Manager secret (SecretString) instead",
}


def _variable(path: Path) -> str:
    """'NAME ' for a path into Environment/Variables/NAME, else ''."""
    if "Variables" in path:
        index = path.index("Variables") + 1
        if index < len(path) and isinstance(path[index], str):
            return f"'{path[index]}' "
    return ""


class AccessKeySecretExposed(CloudFormationLintRule):
    """## What it does
    Follows `Fn::GetAtt <Key>.SecretAccessKey` of every `AWS::IAM::AccessKey` in the template (written
    directly, inside `Fn::Join`, or as `${Key.SecretAccessKey}` in an `Fn::Sub` string) and reports it
    where it lands somewhere many can read:
    - a stack `Output` (anyone allowed `cloudformation:DescribeStacks` reads it, and the console shows it);
    - a Lambda function's environment variable, plain or SAM (anyone allowed
      `lambda:GetFunctionConfiguration` reads it, and the console shows it);
    - an `AWS::SSM::Parameter` `Value` (CloudFormation can only create `String`/`StringList` parameters,
      stored unencrypted).

    The finding is placed on the `GetAtt` (or the `Sub` string holding it). Other resources' properties
    are WA3026's; a Secrets Manager secret's `SecretString` is the place for it and is not reported.
    cfn-lint itself reports none of these.

    ## Why is this bad?
    The secret access key is the whole credential: whoever reads it acts as the user, from anywhere,
    until someone deactivates the key. Read access to stack outputs, function configuration and
    parameters is granted widely (ReadOnlyAccess, console users, CI systems).

    ## How to suppress
    Put the secret in an `AWS::SecretsManager::Secret` and hand out the secret's ARN, or better, replace
    the key with a role. Or add `EA3025` to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [AWS::IAM::AccessKey return values](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-accesskey.html#aws-resource-iam-accesskey-return-values)
    - [Do not embed credentials in your templates](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds)
    - [Securing Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html)
    """

    id = "EA3025"
    shortdesc = "Access key secret in an output, variable or parameter"
    description = "Whoever can read stack outputs, function configuration or parameters gets the credential."
    source_url = doc_url(id)
    tags = ["iam", "access-key", "secret", "credentials"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for flow in access_model(cfn).secret_key_flows:
            if flow.sink not in _WHERE:
                continue
            where = _WHERE[flow.sink].format(holder=flow.holder, variable=_variable(flow.path))
            found.append((flow.path, f"{where} the secret access key of '{flow.key}'; {_FIX[flow.sink]}"))
        return findings(cfn, found)
