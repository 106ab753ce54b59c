"""The rule registry: ids, metadata, fixtures, docs, and both cfn-lint loading modes agree."""

from __future__ import annotations

import re

from cfnlint.rules import Rules

import lint_rules
from conftest import FIXTURES, ROOT
from lint_rules._findings import doc_url
from lint_rules.docs import rule_classes, sections

_ID = re.compile(r"^[EWI]A[0-4]\d{3}$")
_FIXTURE_FILES = ("bad.yaml", "bad.json", "bad_sam.yaml", "good.yaml", "good_sam.yaml", "expected.txt")


def test_ids_are_unique_and_well_formed() -> None:
    ids = [cls.id for cls in rule_classes()]
    assert ids, "no rules found"
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert _ID.match(rule_id), rule_id
        # the number part must be unique across severities too: EA1001 and WA1001 would be one finding
        assert [other[1:] for other in ids].count(rule_id[1:]) == 1, rule_id


def test_metadata_follows_the_style() -> None:
    for cls in rule_classes():
        assert cls.shortdesc and len(cls.shortdesc) <= 60 and not cls.shortdesc.endswith("."), cls.id
        assert cls.shortdesc[0].isupper(), cls.id
        assert cls.description.endswith(".") and cls.description != cls.shortdesc, cls.id
        assert cls.source_url == doc_url(cls.id)
        assert cls.tags, cls.id
        parts = sections(cls)
        for heading in ("What it does", "Why is this bad?", "How to suppress", "References"):
            assert parts.get(heading), f"{cls.id} docstring lacks '## {heading}'"


def test_every_rule_has_fixtures_and_a_doc_page() -> None:
    for cls in rule_classes():
        for name in _FIXTURE_FILES:
            assert (FIXTURES / cls.id / name).is_file(), f"{cls.id}: missing {name}"
        assert (ROOT / "docs" / "rules" / f"{cls.id}.md").is_file()
    assert {path.name for path in FIXTURES.iterdir() if path.is_dir()} == {cls.id for cls in rule_classes()}


def test_module_and_directory_modes_load_the_same_rules() -> None:
    from_module = Rules.create_from_module("lint_rules")
    from_directory = Rules.create_from_directory(str(ROOT / "lint_rules"))
    assert sorted(from_module) == sorted(from_directory) == sorted(cls.id for cls in rule_classes())


def test_package_exports_only_rules() -> None:
    assert sorted(lint_rules.__all__) == sorted(cls.__name__ for cls in rule_classes())


def test_the_per_resource_pass_is_a_plain_no_op_for_rules_without_one() -> None:
    """cfn-lint calls ``matchall_resource_properties`` for every rule and resource; rules without a
    per-resource check answer it with nothing, without cfn-lint's generator (``_skip_resource_pass``)."""
    from cfnlint.rules import CloudFormationLintRule

    for cls in rule_classes():
        assert cls.match_resource_properties is CloudFormationLintRule.match_resource_properties, cls.id
        assert cls().matchall_resource_properties("t.yaml", None, {}, "AWS::IAM::Role", []) == (), cls.id
