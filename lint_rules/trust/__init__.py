"""Area 3: who can become whom (trust policies, federation, IAM users, long-term credentials, secrets).

The rule modules are re-exported by ``lint_rules`` (cfn-lint's module mode reads that namespace);
cfn-lint's directory mode finds them here by walking the folder.
"""
