"""Fix kinds: turning a finding's two connections into one, as edits over the source."""
