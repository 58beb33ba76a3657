"""Benchmarks (issue 7): client overhead, server throughput, contract wall time, Retry-After.

`python -m bench` (or `make bench`) runs every section, prints a table and writes
`bench/results.md`. The bench talks to the sandbox, Prism and its own tiny server over HTTP
only; every server it starts binds 127.0.0.1 on a free port and is stopped by PID.
"""
