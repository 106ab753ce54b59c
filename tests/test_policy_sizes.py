"""WA4026 counts a lower bound: what the template writes literally, as compact JSON without white space."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from lint_rules.documents._sizes import literal_size

# keys of plain mappings (a one-key mapping named like an intrinsic function is read as one)
_KEYS = st.text(max_size=8).filter(lambda key: key not in ("Ref", "Condition") and not key.startswith("Fn::"))
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_plain_json_counts_as_iam_counts(node: object) -> None:
    compact = json.dumps(node, separators=(",", ":"), ensure_ascii=False)
    assert literal_size(node) == sum(1 for character in compact if not character.isspace())


def test_values_filled_in_at_deploy_time_count_only_their_literal_text() -> None:
    node = {"a": {"Ref": "X"}, "b": {"Fn::Sub": "x-${P}"}, "c": [{"Fn::If": ["C", "a", "b"]}, "z"]}
    assert literal_size(node) == len('{"a":"","b":"x-","c":["z"]}')
