;;; eglot_init.el --- Emacs (batch) driving the server through eglot (tests/test_lsp_emacs.py)
;; Loads the README's eglot snippet, opens $CFN_LINT_LSP_TEMPLATE, waits for flymake's diagnostics and
;; writes them to $CFN_LINT_LSP_OUT.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")  ; Debian's elpa-eglot, elpa-yaml-mode
(package-initialize)
(require 'eglot)
(require 'yaml-mode)  ; the real package, as the README says to install: it maps .yaml files to yaml-mode

;; The README's snippet:
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((yaml-mode yaml-ts-mode json-mode json-ts-mode) . ("cfn-lint-lambda-auth-lsp"))))
(add-hook 'yaml-mode-hook #'eglot-ensure)

(find-file (getenv "CFN_LINT_LSP_TEMPLATE"))
;; eglot-ensure starts the server from post-command-hook, which batch mode never runs: start it here.
(unless (eglot-managed-p) (apply #'eglot (eglot--guess-contact)))
(let ((deadline (+ (float-time) 90))
      (expected (string-to-number (getenv "CFN_LINT_LSP_EXPECT"))))
  (while (and (< (float-time) deadline) (< (length (flymake-diagnostics)) expected))
    (accept-process-output nil 0.1)))
(accept-process-output nil 2)  ; cfn-lint's own stage follows this plugin's
(let ((lines (mapcar (lambda (d)
                       (format "%d:%d %s %s\n"
                               (line-number-at-pos (flymake-diagnostic-beg d))
                               (save-excursion (goto-char (flymake-diagnostic-beg d)) (1+ (current-column)))
                               (flymake-diagnostic-type d)
                               (flymake-diagnostic-text d)))
                     (flymake-diagnostics))))
  (with-temp-file (getenv "CFN_LINT_LSP_OUT")
    (dolist (line lines) (insert line))))
(kill-emacs 0)
