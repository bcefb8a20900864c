;;; quick_fix_test.el --- dockpath end to end in eglot -*- lexical-binding: t -*-

;; End-to-end test of dockpath with eglot 1.9 in `emacs --batch'
;; (Emacs 28.2). It opens a copy of a case folder whose Dockerfile has a
;; DP001 fault on line 11 and waits for the diagnostic in flymake. Then it
;; applies the quick fix through `eglot-code-actions' and checks that no
;; dockpath diagnostic remains.
;;
;; CTest runs it (see CMakeLists.txt here) with these environment variables:
;;   DOCKPATH_BINARY  the dockpath executable
;;   DOCKPATH_CASE    the case folder, copied to a temporary folder so that
;;                    the test never modifies the repository
;; On success Emacs exits 0. On failure it writes the reason to stderr and
;; exits 1.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defconst dockpath-test-timeout 20
  "Upper bound in seconds for each wait.
It only stops a hung test and is not a performance check.")

(defconst dockpath-test-fault-line 11
  "1-based line of `ENV PYTHONPATH=/app', which gets the DP001 diagnostic.")

(define-error 'dockpath-test-failure "dockpath eglot test failed")

(defun dockpath-test-fail (format-string &rest args)
  "Signal a test failure with the reason FORMAT-STRING formatted with ARGS."
  (signal 'dockpath-test-failure (list (apply #'format format-string args))))

(defun dockpath-test-env (name)
  "Return the value of the environment variable NAME, which must be set."
  (let ((value (getenv name)))
    (if (and value (not (string-empty-p value)))
        value
      (dockpath-test-fail "environment variable %s is not set" name))))

;; dockerfile-mode is a separate package. This stand-in has the same name,
;; so eglot sends the languageId "dockerfile" either way.
(unless (fboundp 'dockerfile-mode)
  (define-derived-mode dockerfile-mode prog-mode "Dockerfile"
    "Stand-in for the dockerfile-mode package."))

(defvar dockpath-test-published-versions (make-hash-table :test #'equal)
  "The version in the server's latest publishDiagnostics, by URI.")

(defun dockpath-test-record-publish (_server method &rest params)
  "Record the version of a publishDiagnostics notification in PARAMS.
eglot 1.9 ignores that version, so the test keeps it to know which
buffer version the diagnostics belong to."
  (when (eq method 'textDocument/publishDiagnostics)
    (puthash (plist-get params :uri) (plist-get params :version)
             dockpath-test-published-versions)))

(defun dockpath-test-diagnostics ()
  "Return the buffer's flymake diagnostics whose LSP code starts with DP."
  (cl-loop for diagnostic in (flymake-diagnostics)
           for lsp = (cdr (assoc 'eglot-lsp-diag
                                 (flymake-diagnostic-data diagnostic)))
           for code = (plist-get lsp :code)
           when (and (stringp code) (string-prefix-p "DP" code))
           collect diagnostic))

(defun dockpath-test-code (diagnostic)
  "Return the LSP code of the flymake DIAGNOSTIC."
  (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)))
             :code))

(defun dockpath-test-line (diagnostic)
  "Return the 1-based line where the flymake DIAGNOSTIC starts."
  (line-number-at-pos (flymake-diagnostic-beg diagnostic)))

(defun dockpath-test-describe (diagnostics)
  "Return a one-line description of the flymake DIAGNOSTICS."
  (if (null diagnostics)
      "none"
    (mapconcat (lambda (diagnostic)
                 (format "line %d: %s" (dockpath-test-line diagnostic)
                         (flymake-diagnostic-text diagnostic)))
               diagnostics "; ")))

(defun dockpath-test-find-fault ()
  "Return the DP001 diagnostic on the fault line, or nil."
  (cl-find-if (lambda (diagnostic)
                (and (equal (dockpath-test-code diagnostic) "DP001")
                     (= (dockpath-test-line diagnostic)
                        dockpath-test-fault-line)))
              (dockpath-test-diagnostics)))

(defun dockpath-test-wait (predicate description)
  "Wait until PREDICATE returns non-nil, or fail naming DESCRIPTION.
In batch mode idle timers never run, so each round starts flymake and
sends pending changes, which eglot does on idle timers in a session."
  (let ((deadline (+ (float-time) dockpath-test-timeout))
        (result nil))
    (while (not (setq result (funcall predicate)))
      (when (> (float-time) deadline)
        (dockpath-test-fail
         "timed out after %d s waiting for %s; dockpath diagnostics: %s"
         dockpath-test-timeout description
         (dockpath-test-describe (dockpath-test-diagnostics))))
      (eglot--signal-textDocument/didChange)
      (flymake-start)
      (accept-process-output nil 0.05))
    result))

(defun dockpath-test-copy-case (case-dir)
  "Copy CASE-DIR into a new temporary folder and return the copy."
  (let ((work-dir (expand-file-name "case" (make-temp-file "dockpath-eglot-" t))))
    (copy-directory case-dir work-dir)
    work-dir))

(defun dockpath-test-apply-quick-fix (fault)
  "Apply the preferred quick fix at FAULT as a user would.
The user puts point on the diagnostic, runs `eglot-code-actions' and
picks the action from the completion prompt."
  (goto-char (flymake-diagnostic-beg fault))
  (let* ((actions (eglot-code-actions (point) nil "quickfix"))
         (action (or (cl-find-if (lambda (candidate)
                                   (eq (plist-get candidate :isPreferred) t))
                                 actions)
                     (car actions))))
    (unless action
      (dockpath-test-fail "no quick fix on line %d" dockpath-test-fault-line))
    (unless (plist-get action :edit)
      (dockpath-test-fail "quick fix \"%s\" has no edit"
                          (plist-get action :title)))
    ;; A non-list `last-nonmenu-event' makes eglot prompt with
    ;; `completing-read' rather than a popup menu.
    (let ((last-nonmenu-event ?\r))
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (&rest _) (plist-get action :title))))
        (eglot-code-actions (point) nil nil t)))
    action))

(defun dockpath-test-run ()
  "Run the test. Signal `dockpath-test-failure' when a check fails."
  (let* ((binary (dockpath-test-env "DOCKPATH_BINARY"))
         (work-dir (dockpath-test-copy-case (dockpath-test-env "DOCKPATH_CASE")))
         (dockerfile (expand-file-name "Dockerfile" work-dir)))
    (unwind-protect
        (progn
          (add-to-list 'eglot-server-programs
                       `(dockerfile-mode . (,binary "--stdio")))
          (advice-add 'eglot-handle-notification :before
                      #'dockpath-test-record-publish)
          (find-file dockerfile)
          (dockerfile-mode)
          (call-interactively #'eglot)
          (unless (eglot-current-server)
            (dockpath-test-fail "eglot did not start dockpath for %s" dockerfile))

          (let ((fault (dockpath-test-wait
			#'dockpath-test-find-fault
			(format "DP001 on line %d" dockpath-test-fault-line)))
		(text-before (buffer-string)))
            (let ((action (dockpath-test-apply-quick-fix fault)))
              (when (equal (buffer-string) text-before)
		(dockpath-test-fail "quick fix \"%s\" did not change the buffer"
                                    (plist-get action :title)))
              ;; Wait for the diagnostics of the edited version, not an earlier one.
              (let ((uri (eglot--path-to-uri dockerfile)))
		(dockpath-test-wait
		 (lambda ()
                   (equal (gethash uri dockpath-test-published-versions)
                          eglot--versioned-identifier))
		 (format "diagnostics for version %d after the quick fix"
			 eglot--versioned-identifier)))
              (flymake-start)
              (let ((remaining (dockpath-test-diagnostics)))
		(when remaining
                  (dockpath-test-fail
                   "after quick fix \"%s\" dockpath still reports: %s\nbuffer:\n%s"
                   (plist-get action :title) (dockpath-test-describe remaining)
                   (buffer-string))))))
          (set-buffer-modified-p nil)
          ;; eglot 1.9 sends shutdown with "params": null.
          (condition-case shutdown-error
              (eglot-shutdown (eglot-current-server))
            (jsonrpc-error
             (dockpath-test-fail "dockpath rejected eglot's shutdown request: %S"
                                 (cdr shutdown-error)))))
      (delete-directory (file-name-directory work-dir) t))))

(condition-case failure
    (progn
      (dockpath-test-run)
      (message "eglot quick-fix test passed")
      (kill-emacs 0))
  (dockpath-test-failure
   (message "FAIL: %s" (cadr failure))
   (kill-emacs 1))
  (error
   (message "FAIL: Lisp error: %S" failure)
   (kill-emacs 1)))

;;; quick_fix_test.el ends here
