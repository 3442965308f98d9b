"""From one file's bytes to findings: parse, bind names to values, match sides per scope."""
