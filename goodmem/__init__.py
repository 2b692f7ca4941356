"""Python SDK for GoodMem's LLM registry."""
