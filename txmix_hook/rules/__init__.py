"""Rules and pattern sets: YAML documents, validated before anything runs."""
