"""Phase 2, part two: group confirmed sides by a rule's scope and turn them into findings."""
