"""Print a document's sentences with the offsets and short SHA-1 that gold lines point to.

    .venv/bin/python benchmarks/sentences.py benchmarks/dev7/some-story.txt

Offsets are into the document's decoded text (for HTML the extracted text), as the extractor
sees it; the publication date the reader found is printed first.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.documents import read_document  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402


def main(argv: list[str]) -> int:
    for name in argv:
        doc = read_document(Path(name))
        print(f"# {name}  published={doc.published} ({doc.published_source})")
        for s in split_sentences(doc.text):
            sha = hashlib.sha1(s.text.encode()).hexdigest()[:12]
            print(f"{s.start}\t{s.end}\t{sha}\t{s.text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
