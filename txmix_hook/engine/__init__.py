"""tree-sitter helpers shared by the binder and the fix stage: the parser, node text, comments, imports."""
