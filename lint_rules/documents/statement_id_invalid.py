"""EA4014: a Sid that IAM rejects: repeated in one document, or with characters an identity policy does not allow."""

from __future__ import annotations

import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch
from cfnlint.template import Template

from lint_rules._findings import doc_url, findings
from lint_rules.model import IDENTITY, WRITTEN, Path, PolicyDocument, Statement, access_model

_IDENTITY_SID = re.compile(r"[A-Za-z0-9]+")


class StatementIdInvalid(CloudFormationLintRule):
    """## What it does
    Checks the statement ids (`Sid`) of the policy documents cfn-lint does not validate: the inline
    documents in a SAM function's `Policies`, a SAM function's `AssumeRolePolicyDocument`, and the
    `PolicyDocument` of `AWS::Lambda::ResourcePolicy`. It mirrors these IAM Access Analyzer checks:

    - *Unique Sids required*: two statements of one document with the same `Sid` (IAM requires a Sid to be
      unique within a policy; Lambda, that each statement id of a function's policy differs from the
      others). Statements in different `Fn::If` branches never meet and are not compared.
    - *Unsupported Sid*: a `Sid` of a SAM inline policy (an identity policy) with characters other than
      ASCII letters and digits, which is all IAM accepts there (`Read-Table`, `read table`). Trust and
      Lambda resource policies are not held to it: IAM documents the rule for its own policies, and
      Lambda's own statement ids take `-` and `_`.

    cfn-lint's E3510 checks both in IAM resources' identity policies, and its E3530 checks uniqueness in
    `AWS::IAM::Role` trust policies; this rule leaves those documents to it. An empty `Sid` is IA4015's.

    ## Why is this bad?
    IAM rejects the document, so the stack fails at deployment and rolls back; for a SAM function, after
    the function's role has been half created.

    ## How to suppress
    Rename the Sid (the message suggests a name). To silence it for one resource, add `EA4014` to its
    `Metadata: cfn-lint: config: ignore_checks`.

    ## References
    - [IAM JSON policy elements: Sid](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html)
    - [IAM Access Analyzer policy check reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
    """

    id = "EA4014"
    shortdesc = "Statement id repeated or with characters IAM rejects"
    description = "IAM rejects a policy whose statements share a Sid, or whose identity-policy Sid is not alphanumeric."
    source_url = doc_url(id)
    tags = ["iam", "schema", "sam", "access-analyzer"]

    def match(self, cfn: Template) -> list[RuleMatch]:
        found: list[tuple[Path, str]] = []
        for document in access_model(cfn).documents:
            if not document.checked_by_cfn_lint and document.origin == WRITTEN:
                found.extend(_problems(document))
        return findings(cfn, found)


def _problems(document: PolicyDocument) -> list[tuple[Path, str]]:
    subject = f"{document.name[0].upper()}{document.name[1:]}"
    seen: dict[str, Statement] = {}
    taken = {statement.sid for statement in document.statements if statement.sid}
    result = []
    for statement in document.statements:
        sid = statement.sid
        if not sid or "Sid" not in statement.key_paths:
            continue  # no Sid, or an empty one (IA4015's), or one written with an intrinsic function
        problems = []
        first = seen.get(sid) if _in_the_list(statement, document) else None
        if first is not None:
            problems.append(f"repeats the Sid of statement {first.index + 1}, and Sids must differ within a policy")
        elif _in_the_list(statement, document):
            seen[sid] = statement
        if document.kind == IDENTITY and not _IDENTITY_SID.fullmatch(sid):
            problems.append("has characters other than A-Z, a-z and 0-9, which IAM rejects in an identity policy")
        if problems:
            fix = _suggestion(sid, statement, taken, document.kind == IDENTITY)
            quoted = sid if len(sid) <= 60 else sid[:57] + "..."
            result.append(
                (
                    statement.key_paths["Sid"],
                    f"{subject}: {statement.label()} Sid '{quoted}' {' and '.join(problems)}; rename it {fix}",
                )
            )
    return result


def _in_the_list(statement: Statement, document: PolicyDocument) -> bool:
    """Written directly in the document's Statement list (not in an Fn::If branch, which may never meet
    the other statements)."""
    depth = len(document.path)
    return (
        len(statement.path) == depth + 2
        and statement.path[depth] == "Statement"
        and isinstance(statement.path[depth + 1], int)
    )


def _suggestion(sid: str, statement: Statement, taken: set[str], alphanumeric: bool) -> str:
    """A name that is neither taken nor rejected: the Sid's letters and digits, numbered if need be."""
    base = re.sub(r"[^A-Za-z0-9]", "", sid) if alphanumeric else sid
    base = base[:60] or "Statement"
    name = base if base not in taken and base != sid else f"{base}{statement.index + 1}"
    return f"'{name}'"
