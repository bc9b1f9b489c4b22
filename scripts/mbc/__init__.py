"""The evidence pipeline: load, validate and render the metastatic breast cancer evidence records."""
