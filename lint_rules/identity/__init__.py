"""Area 2: what a function can do (identity policies, execution roles, privilege escalation).

The rule modules are re-exported by ``lint_rules`` (cfn-lint's module mode reads that namespace);
cfn-lint's directory mode finds them here by walking the folder.
"""
