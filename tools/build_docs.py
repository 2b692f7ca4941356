"""Build the documentation site; fail on any MkDocs warning or a reference left unresolved.

Usage: python tools/build_docs.py [-f CONFIG] [-d SITE_DIR]   (defaults: mkdocs.yml, site)

`make docs` runs this. It runs `mkdocs build --strict`, never with --quiet: --quiet drops
warnings before strict mode counts them, so a build with unresolved cross references passed.
Then it reads every built page for references that autorefs never saw and so never warned
about (`[title][goodmem.X]` in a raw HTML block, say): they show up in the page as literal text.
Prints nothing when all is well; otherwise the warnings and each leftover reference, and exits 1.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

# A Markdown reference link left as text: [title][id] or [title][] (a title in `code` has gone
# with the code, so `[`X`][id]` reads "[][id]")
_LEFTOVER = re.compile(r"\[(?P<title>[^\[\]]*)\]\[(?P<id>[\w.:-]*)\]")
# Where brackets are code, not Markdown
_VERBATIM = {"code", "pre", "script", "style", "textarea", "kbd", "samp"}


class _Text(HTMLParser):
    """The text of a page outside code; every tag is a line break, so "[a]</li><li>[b]" is no
    reference, while `[<code>X</code>][id]` (one text node from `]`) still reads as one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.autorefs = 0  # <autoref> elements autorefs did not replace
        self._verbatim = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VERBATIM:
            self._verbatim += 1
        elif tag == "autoref":
            self.autorefs += 1
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VERBATIM and self._verbatim:
            self._verbatim -= 1
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._verbatim:
            self.parts.append(data)


def unresolved_references(html: str) -> list[str]:
    """The references in a built page that rendered as literal text instead of links."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    found = [
        f"[{' '.join(m['title'].split()) or '...'}][{m['id']}]" for m in _LEFTOVER.finditer(text)
    ]
    return found + ["<autoref> element"] * parser.autorefs


def _mkdocs(config: str, site: str) -> tuple[int, list[str]]:
    """Run the strict build; its exit status and the lines of its output worth showing."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    shown: list[str] = []
    keep = True
    for line in result.stdout.splitlines():
        if line and not line[0].isspace():  # a new record; indented lines continue the last one
            keep = not line.startswith("INFO")
        if keep:
            shown.append(line)
    return result.returncode, shown


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir", default="site")
    args = parser.parse_args(argv)
    status, output = _mkdocs(args.config_file, args.site_dir)
    if status != 0:
        print("\n".join(output or [f"mkdocs build failed (exit status {status})"]))
        return 1
    site = Path(args.site_dir)
    problems = [
        f"{page}: unresolved reference {ref}"
        for page in sorted(site.rglob("*.html"))
        for ref in unresolved_references(page.read_text(encoding="utf-8"))
    ]
    if problems:
        print("\n".join(problems))
        print(
            f"docs: {len(problems)} reference(s) rendered as text: fix the identifier, or write "
            "the link in Markdown that MkDocs renders (not inside a raw HTML block)"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
