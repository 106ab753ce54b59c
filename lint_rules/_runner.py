"""What a rule can read of the cfn-lint run it is part of, which cfn-lint does not hand to rules."""

from __future__ import annotations

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
