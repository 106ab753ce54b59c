"""The model's bounds on hostile values: nothing recurses with the input's depth, nothing expands without
limit. (tests/test_hostile.py runs whole templates through cfn-lint; these pin the pieces.)"""

from __future__ import annotations

import datetime
import json
from typing import Any

from cfnlint.decode import decode_str
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_rules._findings import _string_key_span
from lint_rules.model._schemas import _prepared, validate
from lint_rules.model._values import MAX_BRANCHES, MAX_JSON_DEPTH, branches, json_too_deep, parse_json_document


def _if(then: Any, otherwise: Any) -> dict[str, Any]:
    return {"Fn::If": ["C", then, otherwise]}


def test_branches_keeps_order_and_drops_no_value() -> None:
    node = _if(_if("a", {"Ref": "AWS::NoValue"}), "b")
    assert list(branches(node, ("P",))) == [
        ("a", ("P", "Fn::If", 1, "Fn::If", 1)),
        ("b", ("P", "Fn::If", 2)),
    ]


def test_branches_follows_a_chain_deeper_than_the_recursion_limit() -> None:
    node: Any = "*"
    for _ in range(200):
        node = _if("s3.amazonaws.com", node)
    found = list(branches(node, ()))
    assert len(found) == 201
    assert found[-1] == ("*", ("Fn::If", 2) * 200)
    for _ in range(5000):
        node = _if("s3.amazonaws.com", node)
    found = list(branches(node, ()))
    assert [value for value, _ in found[:MAX_BRANCHES]] == ["s3.amazonaws.com"] * MAX_BRANCHES
    assert found[MAX_BRANCHES:] == [(found[MAX_BRANCHES][0], ("Fn::If", 2) * MAX_BRANCHES)]
    assert "Fn::If" in found[MAX_BRANCHES][0]


def test_branches_stops_expanding_a_doubling_fn_if() -> None:
    node: Any = "x"
    for _ in range(30):  # 2**30 alternatives, as YAML anchors write it in 30 lines
        node = _if(node, node)
    found = list(branches(node, ()))
    assert [value for value, _ in found[:MAX_BRANCHES]] == ["x"] * MAX_BRANCHES
    # The rest come back whole, one per unexpanded Fn::If still on the stack: unknown values to readers.
    assert all(isinstance(value, dict) and "Fn::If" in value for value, _ in found[MAX_BRANCHES:])
    assert len(found) < MAX_BRANCHES + 31


def test_json_depth_counts_brackets_outside_string_literals() -> None:
    assert not json_too_deep("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert json_too_deep("[" * (MAX_JSON_DEPTH + 1))
    assert not json_too_deep('{"a": "' + "[" * 100 + '"}')
    assert not json_too_deep('{"a\\"[[[": "\\\\", "b": "[[["}', limit=1)
    assert json_too_deep('{"a": "\\\\", "b": [[1]]}', limit=2)


def test_parse_json_document() -> None:
    assert parse_json_document('{"Statement": []}') == ({"Statement": []}, None)
    assert parse_json_document("arn:aws:iam::aws:policy/ReadOnlyAccess") == (
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        None,
    )
    deep = '{"Statement": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert parse_json_document(deep) == (
        deep,
        "is a JSON string nested more than 32 levels deep, deeper than IAM accepts; "
        "write it as a mapping of Version and Statement",
    )
    assert parse_json_document('{"Statement": [') == (
        '{"Statement": [',
        "is a JSON string that does not parse ('Expecting value' at character 15); "
        "fix the JSON or write it as a mapping",
    )


def test_prepared_turns_dates_to_text_and_empties_deep_containers() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    prepared = _prepared({"Version": datetime.date(2012, 10, 17), "Statement": deep})
    assert prepared["Version"] == "2012-10-17"
    depth, node = 0, prepared["Statement"]
    while node:
        depth, node = depth + 1, node[0]
    assert depth == 15  # the document is level 0, Statement level 1, its list emptied at level 16


def test_validate_a_statement_list_nested_thousands_deep() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    assert [(e.path, e.message) for e in validate("resource", {"Statement": [deep]}, ("D",))] == [
        (
            ("D", "Statement", 0),
            "Statement 1 is a list where a mapping belongs; write each statement as a mapping of Effect, Action, Resource and the like",
        )
    ]


def _depth(node: Any) -> int:
    """Reference: nesting depth of a JSON value, recursively (the test's values are shallow)."""
    if isinstance(node, dict):
        return 1 + max((_depth(value) for value in node.values()), default=0)
    if isinstance(node, list):
        return 1 + max((_depth(value) for value in node), default=0)
    return 0


_JSON_TEXT = st.text(alphabet='[]{}"\\ ab', max_size=6)
_JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _JSON_TEXT),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(_JSON_TEXT, children, max_size=3)),
    max_leaves=30,
)


@given(value=_JSON_VALUES, limit=st.integers(0, 8))
@settings(max_examples=300, deadline=None)
def test_json_depth_scan_agrees_with_the_parsed_depth(value: Any, limit: int) -> None:
    assert json_too_deep(json.dumps(value), limit) == (_depth(value) > limit)


def test_a_finding_inside_a_json_string_is_placed_on_its_key_without_searching_the_string() -> None:
    text = 'Resources:\n  RP:\n    Properties:\n      PolicyDocument: \'{"Statement": [{"Effect": "Allowed"}]}\'\n'
    template, errors = decode_str(text)
    assert not errors
    inside = ("Resources", "RP", "Properties", "PolicyDocument", "Statement", 0, "Effect")
    assert _string_key_span(template, inside) == (3, 6, 3, 20)  # the PolicyDocument key, 0-based
    assert _string_key_span(template, inside[:4]) is None  # the string itself: cfn-lint places it
    assert _string_key_span(template, ("Resources", "RP", "Missing", "Statement")) is None
