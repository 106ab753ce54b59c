"""The global condition key table (lint_rules/data/global_condition_keys.json): written by its refresh script
from the saved excerpt of AWS's page, agreeing with the older key table where both speak of a key."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from lint_rules.model._condition_keys import global_keys, key_facts

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "refresh_global_condition_keys", ROOT / "scripts" / "refresh_global_condition_keys.py"
)
assert _spec is not None and _spec.loader is not None
refresh = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refresh)


def test_the_table_is_what_the_refresh_script_writes_from_the_saved_page() -> None:
    excerpt = refresh.EXCERPT.read_text(encoding="utf-8")
    keys = refresh.parse(excerpt)
    keys.update(refresh._others(keys))
    data = global_keys()
    assert data["keys"] == dict(sorted(keys.items(), key=lambda item: item[0].lower()))
    assert data["retired"] == refresh.retired(excerpt)
    assert data["set_by_action"] == refresh.set_by_action(excerpt)
    assert data["set_by_action"]["sts:SourceIdentity"]["action"] == "sts:SetSourceIdentity"
    assert data["set_by_action"]["sts:TransitiveTagKeys"]["action"] == "sts:TagSession"


def test_every_key_has_a_type_a_cardinality_and_a_source() -> None:
    keys = global_keys()["keys"]
    assert len(keys) >= 52
    for name, facts in keys.items():
        assert name.startswith("aws:")
        assert facts["type"] in ("String", "ARN", "Numeric", "Date", "Bool", "IPAddress"), name
        assert isinstance(facts["multivalued"], bool)
        assert facts["availability"] and facts["source"].startswith("https://docs.aws.amazon.com/"), name
    assert keys["aws:SourceOwner"]["source"].startswith("https://docs.aws.amazon.com/sns/")
    assert keys["aws:EpochTime"]["type"] == "Date" and keys["aws:EpochTime"]["also"] == ["Numeric"]
    assert keys["aws:VpcSourceIp"]["pair_with"] == ["aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn"]
    assert "events:PutEvents" not in keys["aws:ResourceAccount"]["unsupported_actions"]  # only some event buses


def test_the_older_key_table_agrees_on_type_and_cardinality() -> None:
    """lint_rules/data/condition_keys.json keeps what the evaluator reads (availability, always_present,
    present_for); where it also states a global key's type or cardinality, the global table says the same."""
    older = json.loads((ROOT / "lint_rules" / "data" / "condition_keys.json").read_text(encoding="utf-8"))["keys"]
    names = {"Boolean": "Bool", "IP address": "IPAddress"}
    table = {name.lower(): facts for name, facts in global_keys()["keys"].items()}
    checked = 0
    for name, facts in older.items():
        if not name.startswith("aws:"):
            continue
        assert name.lower() in table, name
        assert names.get(facts["value_type"], facts["value_type"]) == table[name.lower()]["type"], name
        assert facts["multivalued"] == table[name.lower()]["multivalued"], name
        checked += 1
    assert checked >= 20


def test_key_facts_read_the_table_case_insensitively_and_tag_keys_by_pattern() -> None:
    facts = key_facts("AWS:sourcevpcarn")
    assert facts is not None and facts.type == "ARN"
    tag = key_facts("aws:PrincipalTag/team")
    assert tag is not None and tag.type == "String"
    paths = key_facts("aws:VpceOrgPaths")
    assert paths is not None and paths.multivalued is True
    epoch = key_facts("aws:EpochTime")
    assert epoch is not None and epoch.also == ("Numeric",)
