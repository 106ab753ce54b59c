"""Area 1: who can invoke a function (permissions, resource policies, URLs, layers, events, APIs).

The rule modules are re-exported by ``lint_rules`` (cfn-lint's module mode reads that namespace);
cfn-lint's directory mode finds them here by walking the folder.
"""
