"""Long work done outside requests: the `jobs` table, the queue behind it and the worker (docs/jobs.md)."""
