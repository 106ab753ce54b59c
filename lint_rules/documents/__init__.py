"""Area 4: policy documents and SAM access properties that are invalid where cfn-lint does not check them.

The rule modules are re-exported by ``lint_rules`` (cfn-lint's module mode reads that namespace);
cfn-lint's directory mode finds them here by walking the folder.
"""
