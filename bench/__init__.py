"""`make bench`: the units registry's read paths measured against a bare route and direct SQL."""
