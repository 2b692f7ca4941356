"""GoodMem LLMs API models and request builders, generated from openapi.yaml by `make gen`.

`models` holds the data models; `api.<tag>.<operation>.request(...)` describes each operation's
HTTP request (method, path, query pairs, JSON body). The package has no HTTP client of its own:
`goodmem.Goodmem` sends these requests.
"""
