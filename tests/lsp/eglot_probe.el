;; Exits 0 when eglot and yaml-mode can be loaded (tests/test_lsp_emacs.py skips otherwise).
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(kill-emacs (if (and (require 'eglot nil t) (require 'yaml-mode nil t)) 0 1))
