"""Contract regression: the public clients against recorded GoodMem exchanges (vcrpy cassettes).

Every operation and documented outcome of `/v1/llms` runs through goodmem.Goodmem and
goodmem.AsyncGoodmem, each replaying its own cassette in tests/cassettes/. `make record`
re-records them (see conftest.py); test_cassettes.py checks every cassette against openapi.yaml
and for leaked secrets.
"""
