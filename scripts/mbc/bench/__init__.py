"""`make bench`: each speed goal of the project as a ratio against a fair baseline measured in
the same run (interleaved repeats, median and range, peak memory), printed as a table and
written as JSON so that a later run can be compared.

Rows: `make build` against a plain mkdocs-material build of the same pages (no hooks) at 1,000
records, and 3,000 with `--sizes 1000,3000` (which adds the search row at that size); `make validate` against a bare C-YAML parse of the same files; the live
preview (a record saved until its page shows it) against MkDocs' own live reload; the
offline bundle from file:// (navigation start until the first search result) against the
page's load event; `make site`, warm, against the plain build.
"""
