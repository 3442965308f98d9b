"""Phase 1: one file's bytes -> a picklable ``ModuleSummary`` holding no tree-sitter objects."""
