"""tools/compat: the runner behind `make compat`."""
