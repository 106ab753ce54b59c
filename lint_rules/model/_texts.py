"""The text IAM receives from a template value, as far as the template writes it.

A policy value may be a plain string, or built by ``Fn::Sub`` / ``Fn::Join`` from literal text and values
CloudFormation fills in at deploy time. Rules that judge the characters IAM reads (policy variables, a
policy's size) need the literal part only, and must never read CloudFormation's own syntax as IAM's:
inside ``Fn::Sub``, ``${Name}`` is a CloudFormation substitution and an IAM variable is written
``${!aws:username}`` (CloudFormation drops the ``!``).

``iam_text`` gives that text with every part CloudFormation fills in replaced by ``UNKNOWN_PART``, and
every ``${`` that is not IAM's (a substitution that did not parse, inside ``Fn::Sub``) with its ``$``
replaced the same way, so that a reader finds in it exactly the ``${`` IAM will see.
"""

from __future__ import annotations

import re
from typing import Any

from lint_rules.model._values import MAX_VALUE_DEPTH, Path, is_intrinsic

# stands for text CloudFormation writes at deploy time (a parameter, an attribute, a pseudo parameter)
UNKNOWN_PART = "\x00"
# Fn::Sub's substitutions (the model's value reader reads them the same way): ${Name}, Name not starting with '!'
_SUBSTITUTION = re.compile(r"\$\{[^!}][^}]*\}")


def iam_text(node: Any, depth: int = 0) -> str | None:
    """The string IAM receives for ``node``, parts unknown here as ``UNKNOWN_PART``; None when the node is
    not a string at all (a number, a list, ``Fn::If``: read its branches with ``branches``)."""
    if isinstance(node, str):
        return node
    if not is_intrinsic(node) or depth > MAX_VALUE_DEPTH:
        return None
    key, args = next(iter(node.items()))
    if key == "Fn::Sub":
        text = args[0] if isinstance(args, list) and args else args
        return _sub_text(text) if isinstance(text, str) else None
    if key == "Fn::Join" and isinstance(args, list) and len(args) == 2 and isinstance(args[0], str):
        parts = args[1]
        if not isinstance(parts, list):
            return UNKNOWN_PART
        texts = [iam_text(part, depth + 1) for part in parts]
        return args[0].join(UNKNOWN_PART if text is None else text for text in texts)
    return UNKNOWN_PART


def _sub_text(text: str) -> str:
    """An ``Fn::Sub`` string as IAM receives it: substitutions unknown, ``${!`` written as ``${``, and any
    other ``${`` (one CloudFormation may reject or keep) not counted as IAM's."""
    pieces: list[str] = []
    position = 0
    for match in _SUBSTITUTION.finditer(text):
        pieces.append(_literal(text[position : match.start()]))
        pieces.append(UNKNOWN_PART)
        position = match.end()
    pieces.append(_literal(text[position:]))
    return "".join(pieces)


def _literal(text: str) -> str:
    marked = text.replace("${!", "\x01").replace("${", UNKNOWN_PART + "{")
    return marked.replace("\x01", "${")


def node_at(root: Any, root_path: Path, path: Path) -> Any:
    """The node written at ``path`` below ``root`` (which is written at ``root_path``), or None."""
    if path[: len(root_path)] != root_path:
        return None
    node = root
    for part in path[len(root_path) :]:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            continue
        if not (isinstance(node, dict) and part in node):
            return None
        node = node[part]
    return node
