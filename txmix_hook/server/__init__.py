"""``txmix server``: a language server, so editors show findings as you type.

``positions`` converts txmix's 1-based character locations to LSP's UTF-16 ones; ``linter``
checks one buffer with its file's configuration; ``protocol`` turns findings into
diagnostics, code actions and hovers; ``app`` wires them to pygls.
"""
