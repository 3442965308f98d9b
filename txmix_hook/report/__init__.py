"""Report formats: each turns findings into the text one kind of consumer reads."""
