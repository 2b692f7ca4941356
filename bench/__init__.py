"""`make bench`: what the goodmem client costs over raw httpx (see bench/README.md)."""
