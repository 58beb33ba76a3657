"""Contract suite: does a server keep the documented contract, operation by operation and
status by status? Driven by the OpenAPI spec; talks to the target over HTTP only."""
