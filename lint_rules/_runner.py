"""What a rule can read of the cfn-lint run it is part of, which cfn-lint does not hand to rules."""

from __future__ import annotations

import contextlib
import inspect
from typing import Any


def runner_local(name: str) -> Any:
    """A local variable of the nearest frame of cfn-lint's rule runner (``Rules.run`` and the methods it calls,
    in ``cfnlint/rules/_rules.py``; cfn-lint 1.56 to 1.58 at least) that has it, or None. ``enabled_rule_ids``,
    ``config`` (the run's ``ConfigMixIn``) and ``self`` (the ``Rules``) are there."""
    frame = inspect.currentframe()
    try:
        while frame is not None:
            if frame.f_code.co_filename.replace("\\", "/").endswith("cfnlint/rules/_rules.py"):
                found = frame.f_locals.get(name)
                if found is not None:
                    return found
            frame = frame.f_back
        return None
    finally:
        del frame


def is_mandatory(rule_id: str, old_ids: tuple[str, ...] = ()) -> bool:
    """Whether this cfn-lint run makes the rule mandatory (``--mandatory-checks``, ``.cfnlintrc``): cfn-lint then
    reports it even where a resource's ``Metadata`` ``ignore_checks`` names it. A prefix names the rule, as in
    cfn-lint; an old id of a renamed rule only exactly. False outside cfn-lint's runner."""
    checks = getattr(runner_local("config"), "mandatory_checks", None)
    if not isinstance(checks, (list, tuple)):
        return False
    return any(isinstance(check, str) and check and (rule_id.startswith(check) or check in old_ids) for check in checks)


# The enabled rule ids of the cfn-lint run linting a template, kept on cfn-lint's ``Template`` for that run:
# every rule of this plugin forgets it in ``initialize``, which cfn-lint's ``Rules.run`` calls for every rule
# before any rule's ``matchall``, so a second run on the same template (another configuration) reads afresh.
_ENABLED_ATTRIBUTE = "_lambda_auth_enabled_rules"
_UNREAD = object()


def forget_enabled(cfn: Any) -> None:
    """The start of a cfn-lint run on ``cfn``: what an earlier run enabled no longer holds."""
    with contextlib.suppress(AttributeError):  # a host's object without attributes: read afresh each time
        setattr(cfn, _ENABLED_ATTRIBUTE, _UNREAD)


def enabled_for(cfn: Any) -> set[str] | None:
    """The ids of the rules the cfn-lint run on ``cfn`` reports (its ``-i``, ``-c``, ``.cfnlintrc`` and
    template-level ``Metadata`` applied: the runner's ``enabled_rule_ids``), or None outside cfn-lint's runner.
    Read once per run and template."""
    cached = getattr(cfn, _ENABLED_ATTRIBUTE, _UNREAD)
    if cached is not _UNREAD:
        return cached if isinstance(cached, set) else None
    found = runner_local("enabled_rule_ids")
    enabled = found if isinstance(found, set) and found else None
    with contextlib.suppress(AttributeError):
        setattr(cfn, _ENABLED_ATTRIBUTE, enabled)
    return enabled
