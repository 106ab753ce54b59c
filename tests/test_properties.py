"""Property tests: whatever shape a template or policy takes, the model and rules never raise."""

from __future__ import annotations

import json
import traceback
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from conftest import lint_matches
from lint_rules.model import build
from lint_rules.model._documents import load_documents
from lint_rules.model._values import Resolver

_KEYS = st.sampled_from(
    [
        "Statement", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal",
        "Condition", "AWS", "Service", "Federated", "Ref", "Fn::If", "Fn::Sub", "Fn::GetAtt", "Fn::Join",
        "Version", "Policies", "PolicyDocument", "PolicyName", "Roles", "Role", "Events", "Type", "Properties",
        "AuthType", "FunctionUrlConfig", "FunctionName", "S3CrudPolicy", "AWS::NoValue", "Allow", "*",
    ]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(["*", "Allow", "NONE", "Fn", "s3:*", "{"]),
    st.text(max_size=5),
)
JSON_LIKE = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.one_of(_KEYS, st.text(max_size=4)), children, max_size=4)
    ),
    max_leaves=25,
)
_TYPES = st.sampled_from(
    [
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
        "AWS::IAM::RolePolicy", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition",
        "AWS::Lambda::Function", "AWS::Lambda::Permission", "AWS::Lambda::Url", "AWS::Lambda::ResourcePolicy",
        "AWS::Lambda::LayerVersionPermission", "AWS::Lambda::Alias", "AWS::Lambda::EventSourceMapping",
        "AWS::ApiGateway::Method", "AWS::Serverless::Function", "AWS::Serverless::Api",
    ]
)  # fmt: skip
RESOURCE = st.fixed_dictionaries({"Type": _TYPES}, optional={"Properties": JSON_LIKE})
TEMPLATE = st.fixed_dictionaries(
    {"Resources": st.dictionaries(st.sampled_from(["Fn", "Role", "P", "Url", "A", "B"]), RESOURCE, max_size=5)},
    optional={
        "Transform": st.just("AWS::Serverless-2016-10-31"),
        "Parameters": st.dictionaries(st.sampled_from(["Fn", "P1"]), JSON_LIKE, max_size=2),
        "Globals": JSON_LIKE,
    },
)


@given(document=JSON_LIKE, kind=st.sampled_from(["identity", "resource", "trust"]))
def test_any_document_loads_and_validates(document: Any, kind: str) -> None:
    resolver = Resolver({"Parameters": {"P": {"Default": "*"}}, "Resources": {"Fn": {}}})
    for loaded in load_documents(document, ("D",), kind=kind, resource="R", name="d", resolver=resolver):
        for error in loaded.errors:
            assert error.path[:1] == ("D",) and error.message
        for statement in loaded.statements:
            statement.texts("Action")
            statement.condition_keys()


@given(template=TEMPLATE)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_template_fragment_builds_a_model(template: dict[str, Any]) -> None:
    model = build(template)
    assert model.load_failures == []
    for function in model.functions:
        model.execution_role(function)
        model.invocations_of(function)
    for identity in model.identities:
        model.grants(identity)


@given(template=TEMPLATE)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_template_fragment_lints_without_a_crash(template: dict[str, Any]) -> None:
    try:
        matches = lint_matches(json.dumps(template), ())
    except Exception as error:  # cfn-lint's own bugs (see ../shared/corpus/host-crash) are not ours
        frames = traceback.extract_tb(error.__traceback__)
        if any("lint_rules" in frame.filename for frame in frames):
            raise
        reject()
    assert [m.message for m in matches if m.rule.id == "E0002"] == []
