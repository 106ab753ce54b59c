"""A language server for CloudFormation and SAM templates: cfn-lint's findings and this plugin's as you type.

Run it as ``cfn-lint-lambda-auth-lsp`` (stdio) or ``python -m lint_rules.lsp``; it needs the ``lsp``
extra (``pip install 'cfn-lint-lambda-auth[lsp]'``). Every module here starts with an underscore so
that cfn-lint's directory mode (``-a lint_rules`` inside a clone), which imports every
``[A-Za-z1-9]*.py`` file below ``lint_rules/``, never imports the server or pygls.
"""
