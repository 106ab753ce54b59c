"""What the trust rules share: the trust statements of a template and how a message names their role."""

from __future__ import annotations

from collections.abc import Iterator

from lint_rules.model import AUDIENCE, AccessModel, Identity, Path, PolicyDocument, Statement, federation_gaps

LAMBDA_SERVICES = frozenset({"lambda.amazonaws.com", "edgelambda.amazonaws.com"})


def trust_statements(model: AccessModel) -> Iterator[tuple[Identity, PolicyDocument, Statement]]:
    """Every Allow statement of every trust policy the template writes (not SAM's own default one)."""
    for identity, document in model.trust_policies():
        for statement in document.statements:
            if statement.allows:
                yield identity, document, statement


def role_label(identity: Identity, document: PolicyDocument, statement: Statement) -> str:
    """'Role 'R' (statement 1)', or for a SAM function's AssumeRolePolicyDocument 'The role of function 'F''."""
    where = f" (statement {statement.index + 1})" if len(document.statements) > 1 else ""
    if identity.implicit:
        return f"The role of function '{document.resource}'{where}"
    return f"Role '{identity.logical_id}'{where}"


def federation_findings(model: AccessModel, rule: str) -> list[tuple[Path, str]]:
    """The missing, loose or too broad conditions of federated trust statements that ``rule`` reports
    (``SUBJECT``: EA3006, ``AUDIENCE``: WA3007), each at the test or value at fault, else the principal."""
    found: list[tuple[Path, str]] = []
    for identity, document, statement in trust_statements(model):
        for gap in federation_gaps(statement):
            if gap.requirement.rule != rule:
                continue
            label = role_label(identity, document, statement)
            name = gap.provider.name if gap.provider.match.pattern != ".*" or not gap.host else f"'{gap.host}'"
            example = f", e.g. '{gap.requirement.example}'" if gap.requirement.example else ""
            if gap.broad is not None:
                message = (
                    f"{label} trusts {name} with '{gap.key}' {gap.broad.describe()}, which "
                    f"{gap.requirement.too_broad or 'is too broad'}; narrow it{example}"
                )
            elif gap.reason is not None:
                reason = gap.reason
                if reason.lower().startswith(f"{gap.key.lower()} "):  # the evaluator names the key: once is enough
                    reason = "value" + reason[len(gap.key) :]
                message = f"{label} trusts {name} but its '{gap.key}' test does not count ({reason}); fix it{example}"
            else:
                consequence = (
                    f", so it {gap.requirement.too_broad}" if rule == AUDIENCE and gap.requirement.too_broad else ""
                )
                message = f"{label} trusts {name} with no '{gap.key}' condition{consequence}; require it{example}"
            found.append((gap.path or gap.principal.path, message))
    return found
