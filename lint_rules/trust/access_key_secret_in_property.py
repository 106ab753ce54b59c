"""WA3026: an access key's secret passed to another resource's property."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import Path, access_model


class AccessKeySecretInProperty(CloudFormationLintRule):
    """## What it does
    Follows `Fn::GetAtt <Key>.SecretAccessKey` (directly, in `Fn::Join`, or in an `Fn::Sub` string) into
    the properties of resources other than those EA3025 covers (Lambda environment variables, SSM
    parameters) and other than a Secrets Manager secret's `SecretString`, where it belongs: a custom
    resource, a nested stack's `Parameters`, a container definition, a Glue connection... The finding is
    placed on the `GetAtt`. cfn-lint itself does not follow the secret.

    ## Why is this bad?
    Each such property stores the credential in another service's configuration, readable by whoever
    may describe that resource (a nested stack's parameters, a task definition's environment, a custom
    resource's request logged by its function). The key then outlives any rotation of the place it was
    meant for.

    ## How to suppress
    Pass the ARN of a Secrets Manager secret holding the key and let the consumer read it at run time,
    or give the consumer a role. Or add `WA3026` to the resource's `Metadata: cfn-lint: config:
    ignore_checks`.

    ## References
    - [AWS::IAM::AccessKey return values](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-accesskey.html#aws-resource-iam-accesskey-return-values)
    - [Do not embed credentials in your templates](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds)
    """

    id = "WA3026"
    shortdesc = "Access key secret passed to a resource property"
    description = "The credential is stored in another service's configuration, readable by its readers."
    source_url = doc_url(id)
    tags = ["iam", "access-key", "secret", "credentials"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for flow in access_model(cfn).secret_key_flows:
            if flow.sink == "property":
                found.append(
                    (
                        flow.path,
                        f"Resource '{flow.holder}' receives the secret access key of '{flow.key}' in a property; "
                        "pass the ARN of a Secrets Manager secret holding it instead",
                    )
                )
        return findings(cfn, found)
