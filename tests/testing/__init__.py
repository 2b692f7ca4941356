"""Tests of goodmem.testing, the embedded GoodMem."""
