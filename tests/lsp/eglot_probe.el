;; Exits 0 when eglot can be loaded (tests/test_lsp_emacs.py skips otherwise).
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(kill-emacs (if (require 'eglot nil t) 0 1))
