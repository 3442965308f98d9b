"""Phase 2, part one: the project (root, modules) and name resolution across its summaries."""
