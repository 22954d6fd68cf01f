"""Page furniture: the parts of a web page that are not the article (stdlib only).

Scraped news text carries comment threads, share and vote counters, link lists, teaser lines
("Also read: …"), runs of unrelated headlines, cookie banners, copyright lines and photo
credits. No event and no publication date may come from them, so the reader records them on
``Document.noise`` and later stages skip sentences that fall inside.

The rules are conservative: a line is furniture only when its shape says so on its own (a
bare URL, a teaser label, a copyright line) or when it sits in a cluster of such lines (a
comment thread's chrome, a run of headlines after the article). Section headings inside an
article are not furniture.

>>> text = "Officials said the camp was closed.\\nAlso read: Ten things to know\\n"
>>> [s.text for s in find_furniture(text)]
['Also read: Ten things to know']
"""

from __future__ import annotations

import re

from timeline.model import Span

__all__ = ["find_furniture"]

_LINE = re.compile(r"[^\n\r\u2028\u2029]*")

# A whole line that is only a link (optionally with a short label in brackets, but not a
# KCNA-style date stamp such as "www.kcna.kp (2025.10.02.)").
_URL_LINE = re.compile(
    r"^[-*\u2022\u00b7>]?\s*<?(?:https?://\S+|www\.\S+)>?(?:\s+\((?![\d.\s]+\))[^()]{1,40}\))?$",
    re.I,
)
_MD_LINK_LINE = re.compile(r"^[-*\u2022\u00b7]?\s*\[[^\]]{1,300}\]\([^)\s]+\)$")
# A Markdown footnote's text ("[^3]: Daily NK, 30 April 2019."): the source a claim cites, where
# its dates are the citation's, not events of the article.
_FOOTNOTE_LINE = re.compile(r"^\[\^[^\]\s]{1,20}\]:\s")
# Teaser labels: "Also read:", "🔗 Read more:", "✨ Don't miss:", "Related: …".
_TEASER = re.compile(
    r"^[^\w\s]{0,4}\s*(?:also\s+read|read\s+(?:more|also|next)|don[’']?t\s+miss|do\s+not\s+miss|"
    r"you\s+(?:might|may)\s+also\s+(?:like|enjoy)|related(?:\s+(?:articles?|stories|news|content|"
    r"coverage|reading|posts?))?|recommended(?:\s+(?:for\s+you|stories|articles?|reading))?|"
    r"see\s+also|also\s+see|must\s+read|more\s+(?:from|on|stories|news)|suggested(?:\s+\w+)?|"
    r"further\s+reading|trending(?:\s+now)?|watch|listen|click\s+here|sponsored(?:\s+content)?)"
    r"\s*(?:[:|>»\u2013\u2014-]|$)",
    re.I,
)
# Lines that are furniture whole, matched against the stripped line.
_LABEL = re.compile(
    r"^(?:advertisement|advertising|sponsored|ad|share(?:\s+this(?:\s+(?:article|story|post|page))?)?|"
    r"share\s+(?:on|via)\s+\w+(?:\s+\w+)?|tweet|print|email|e-mail|copy\s+link|link\s+copied|save|"
    r"subscribe(?:\s+now)?|sign\s+up|log\s*in|sign\s+in|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|"
    r"story\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?|continue\s+reading|"
    r"listen\s+to\s+this\s+article|comments?|show\s+comments|leave\s+a\s+(?:reply|comment)|"
    r"join\s+the\s+conversation|add\s+a\s+comment|most\s+(?:read|popular|viewed)|latest(?:\s+news)?|"
    r"popular(?:\s+(?:now|stories))?|top\s+stories|more\s+stories|related\s+(?:articles|stories)|"
    r"you\s+may\s+also\s+like|recommended|related\s+topics|more\s+on\s+this\s+story|menu|search|home|close|"
    r"toggle\s+navigation|loading\.*|read\s+full\s+(?:article|story)|view\s+comments|open\s+in\s+app|"
    r"(?:getty\s+images|afp|reuters|ap|epa|yonhap|kcna|shutterstock|ap\s+photo)(?:\s+via\s+[\w ]+)?|"
    r"(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|e-mail|print|copy\s+link|"
    r"pinterest|flipboard|threads|bluesky)[\s,|\u00b7/]*){2,})\s*[:.!]?$",
    re.I,
)
_LABEL_PREFIX = re.compile(
    r"^(?:share\s+this\s+(?:article|story)|subscribe\s+(?:to|for)\b|sign\s+up\s+(?:for|to)\b|"
    r"follow\s+us\s+on\b|get\s+the\s+latest\b.{0,60}\bnewsletter|tags?\s*:|topics?\s*:|filed\s+under\s*:|"
    r"categories\s*:|click\s+here\s+to\b|download\s+(?:our|the)\s+app\b|"
    r"reporting\s+by\b.{0,160}(?:editing|writing)\s+by\b|image\s+(?:source|caption)\s*,|"
    r".{0,80}\(opens\s+in\s+(?:a\s+)?new\s+window\)|(?:posted|published|updated)\s+\d+\s+\w+\s+ago$)",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:\u00a9|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b|^.{0,80}(?:\u00a9|\bcopyright\s+\u00a9?\s*\d{4})",
    re.I,
)
# Headings that open a block of related links or a comment section.
_SECTION_HEAD = re.compile(
    r"^[^\w\s]{0,4}\s*(?:most\s+(?:read|popular|viewed|shared)|latest(?:\s+(?:news|stories|articles))?|"
    r"related(?:\s+(?:articles|stories|news|content|coverage|posts|topics))?|more\s+(?:stories|news|from\s+[\w ]{1,30})|"
    r"top\s+stories|trending(?:\s+now)?|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|"
    r"you\s+(?:may|might)\s+also\s+(?:like|enjoy)|read\s+next|editor'?s?\s+picks?|popular(?:\s+now)?|"
    r"what\s+to\s+read\s+next|further\s+reading|in\s+other\s+news|more\s+on\s+this\s+story)\s*:?$",
    re.I,
)
_COMMENTS_HEAD = re.compile(
    r"^(?:\d+\s+comments?|comments?\s*\(\d+\)|leave\s+a\s+(?:reply|comment)|join\s+the\s+(?:conversation|discussion)|"
    r"add\s+a\s+comment|(?:show|view|load)\s+(?:all\s+)?comments|reader\s+comments|\d+\s+responses?)\s*:?$",
    re.I,
)
_BYLINE_LIKE = re.compile(r"^(?:by\s|published|posted|updated|last\s+updated|first\s+published|date\s*:)", re.I)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we\s+use|this\s+(?:web)?site\s+uses|accept|consent|privacy\s+policy|cookie\s+(?:policy|settings))\b",
    re.I,
)
# Photo captions and credits.
_CAPTION = re.compile(
    r"\((?:photo|image|picture|photograph|file\s+photo|video|graphic)s?\b[^()]{0,80}\)\s*$"
    r"|^(?:photo|image|picture|photograph|pictured|file\s+photo|video)s?\s*(?:by\b|:|\||/|credit)"
    r"|\b(?:AP|AFP|Reuters|REUTERS|EPA|Yonhap|KCNA|Getty)\s+Photos?\s*/"
    r"|\b(?:REUTERS|Reuters|AFP|EPA(?:-EFE)?|Getty\s+Images|Yonhap)\s*/\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\)?\s*$"
    r"|\bvia\s+Getty\s+Images\)?\s*$"
    r"|^file\s+photo\b",
    re.I,
)
# Comment-thread and counter chrome.
_AGO = re.compile(
    r"^[\u00b7\u2022|-]?\s*(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|"
    r"d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago$",
    re.I,
)
_CHROME = re.compile(
    r"^(?:link|fedilink|permalink|arrow-up|arrow-down|edit-\d|edit|reply|report|share|save|"
    r"upvote|downvote|vote|parent|context|source|english|level\s+\d+|\u00b7|\u2022|\d[\d,.]*[km]?|"
    r"\d[\d,.]*[km]?\s+(?:shares?|comments?|likes?|views?|reactions?|votes?|points?|upvotes?|replies))$",
    re.I,
)
_YEAR_LINE = re.compile(r"(?:1[89]|20)\d\d")
_COUNTER = re.compile(
    r"^\d[\d,.]*[km]?\s+(?:shares?|comments?|likes?|views?|reactions?|votes?|points?|upvotes?|replies)$",
    re.I,
)
_HANDLE = re.compile(
    r"^[\u2022\u00b7*\u25e6\u2023-]?\s*[^\s@][^@\n]{0,60}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:OP)?$"
    r"|^[\u2022\u00b7*\u25e6\u2023-]?\s*u/[\w-]+"
)
_HEADLINE_STOP = frozenset(
    "a an the and or but nor of in on at to for as by with from after amid over under vs via into "
    "about than per is are was were be its his her their up off out down near new".split()
)
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?|\d{1,2}[-./]\d{1,2}[-./]\d{4})"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$",
    re.I,
)


def find_furniture(text: str) -> list[Span]:
    """Return the page-furniture spans of ``text``: sorted, non-overlapping, stripped.

    Consecutive furniture lines (blank lines between them allowed) form one span; a comment
    thread runs from its first commenter's line to the end of the text.
    """
    lines = _lines(text)
    if not lines:
        return []
    n = len(lines)
    marks = [False] * n
    prose = [_is_prose(t) for _, _, t in lines]
    for i, (_, _, line) in enumerate(lines):
        marks[i] = _is_furniture_line(line)
    _mark_chrome_clusters(lines, marks)
    _mark_headline_runs(lines, marks, prose)
    _mark_link_blocks(lines, marks, prose)
    _mark_trailing_rail(lines, marks, prose)
    thread = _comment_thread_start(lines, prose)
    if thread is not None:
        for i in range(thread, n):
            marks[i] = True
    return _merge(text, lines, marks)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Non-blank lines as (start, end, stripped text), offsets of the stripped text."""
    out: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        if not raw or raw.isspace():
            continue
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append((start, start + len(stripped), stripped))
    return out


def _is_prose(line: str) -> bool:
    """A line of running article text: long and ending like a sentence."""
    return len(line) >= 80 and line[-1] in ".!?\"'”’)" and line.count(" ") >= 10


def _is_furniture_line(line: str) -> bool:
    if len(line) > 400:
        return False
    if _URL_LINE.match(line) or _MD_LINK_LINE.match(line) or _FOOTNOTE_LINE.match(line):
        return True
    if _TEASER.match(line) and len(line) <= 250:
        return True
    if _LABEL.match(line) or _COUNTER.match(line) or _AGO.match(line):
        return True
    if _LABEL_PREFIX.match(line) and len(line) <= 250:
        return True
    if _COPYRIGHT.search(line) and len(line) <= 200:
        return True
    if _COOKIE.search(line) and _COOKIE_CONTEXT.search(line) and len(line) <= 400:
        return True
    if _CAPTION.search(line) and len(line) <= 300:
        return True
    return False


def _mark_chrome_clusters(lines: list[tuple[int, int, str]], marks: list[bool]) -> None:
    """Mark chrome words ("link", "arrow-up", "55", "·") that sit next to other chrome."""
    chrome = [bool(_CHROME.match(t) or _AGO.match(t)) for _, _, t in lines]
    # a year alone on its line beside other years ("2004" … "2006") heads a chronology's entries: a
    # vote count may read as a year, but only beside other chrome ("reply", "share", "3 hours ago")
    years = [bool(_YEAR_LINE.fullmatch(t)) for _, _, t in lines]
    for i, is_chrome in enumerate(chrome):
        if not is_chrome:
            continue
        lo, hi = max(0, i - 2), min(len(lines), i + 3)
        if sum(chrome[lo:hi]) >= 2 and not all(years[k] for k in range(lo, hi) if chrome[k]):
            marks[i] = True


def _comment_thread_start(lines: list[tuple[int, int, str]], prose: list[bool]) -> int | None:
    """Index of the first line of a comment thread that follows article text, if any.

    A thread starts at a commenter line ("name@instance", "u/name") followed by vote/link
    chrome, or at a comment-section heading ("12 Comments", "Leave a Reply") in the second
    half of the text.
    """
    seen_prose = False
    total = lines[-1][1] if lines else 0
    for i, (start, _, line) in enumerate(lines):
        if prose[i]:
            seen_prose = True
            continue
        if not seen_prose:
            continue
        if _COMMENTS_HEAD.match(line) and start > total // 2:
            return i
        if not _HANDLE.match(line):
            continue
        window = lines[i + 1 : i + 10]
        chrome = sum(1 for _, _, t in window if _CHROME.match(t) or _AGO.match(t))
        if chrome >= 2:
            return i
    return None


def _is_headline(line: str) -> bool:
    """A short title-case line without final sentence punctuation, like a headline."""
    if len(line) > 200 or line[-1] in ".!:;,\"'\u201d\u2019" or _BYLINE_LIKE.match(line):
        return False
    words = _WORD.findall(line)
    if not 3 <= len(words) <= 25:
        return False
    content = [w for w in words if w.lower() not in _HEADLINE_STOP]
    if len(content) < 2:
        return False
    capital = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capital >= 0.8 * len(content) and words[0][0].isupper()


def _is_date_line(line: str) -> bool:
    """A line that is only a date (a headline list's dates), possibly with a time."""
    return len(line) <= 40 and bool(_DATE_ONLY.match(line))


def _mark_headline_runs(
    lines: list[tuple[int, int, str]], marks: list[bool], prose: list[bool]
) -> None:
    """Mark runs of three or more headline-like lines (date lines may sit between them)
    that come after article text."""
    n = len(lines)
    first_prose = next((i for i, p in enumerate(prose) if p), None)
    if first_prose is None:
        return
    heads = [_is_headline(t) for _, _, t in lines]
    dates = [_is_date_line(t) for _, _, t in lines]
    i = first_prose + 1
    while i < n:
        if not heads[i] or marks[i]:
            i += 1
            continue
        j = i
        while j < n and (heads[j] or dates[j] or (marks[j] and j > i)):
            j += 1
        real = sum(1 for k in range(i, j) if heads[k] and not marks[k])
        if real >= 3:
            for k in range(i, j):
                marks[k] = True
        i = j


def _mark_link_blocks(
    lines: list[tuple[int, int, str]], marks: list[bool], prose: list[bool]
) -> None:
    """After a "Most read" / "Related stories" heading, mark the short lines that follow
    (headlines, dates, links) up to the next line of prose."""
    i, n = 0, len(lines)
    while i < n:
        if not _SECTION_HEAD.match(lines[i][2]):
            i += 1
            continue
        marks[i] = True
        i += 1
        while i < n:
            text = lines[i][2]
            if prose[i] or len(text) > 200 or (text[-1] in ".!?" and len(text.split()) > 12):
                break
            marks[i] = True
            i += 1


_MARK = r"^[-*\u2022\u2013]\s+"  # a list item's bullet
_BULLET = re.compile(_MARK + r"\S")
# an item that opens with its date ("- 2013: …", "- **Oct. 8** …"): a chronology's, no link's
_LABELLED = re.compile(_MARK + r"(?:\*\*)?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.I)


def _ends_sentence(line: str) -> bool:
    """Ends as a sentence does, not with an abbreviation ("… to Denounce U.S.")."""
    last = line.split()[-1]
    return last[-1] in "!?" or (last[-1] == "." and "." not in last[:-1])


def _mark_trailing_rail(lines: list[tuple[int, int, str]], marks: list[bool], prose: list[bool]) -> None:
    """After the article's last line of prose, a short heading over two or more bulleted titles
    ("Read also:", "Other news of the day:", "More long reads", whatever its words) with nothing
    but short lines after them: other pages' headlines, linked from this one."""
    last = max((i for i, p in enumerate(prose) if p), default=None)
    if last is None:
        return
    n = len(lines)
    i = last + 1
    while i < n:
        head = lines[i][2]
        j = i + 1
        while j < n and _BULLET.match(lines[j][2]) and len(lines[j][2].split()) <= 25 and not _ends_sentence(lines[j][2]):
            j += 1
        short_head = not _BULLET.match(head) and len(head.split()) <= 6 and head[-1] not in ".!?" and not _is_date_line(head)
        dated = any(_LABELLED.match(lines[k][2]) for k in range(i + 1, j))  # "- 2013: Kim is arrested …": a chronology
        if short_head and not dated and j - i >= 3 and all(marks[k] or (not prose[k] and len(lines[k][2].split()) <= 10) for k in range(j, n)):
            for k in range(i, j):
                marks[k] = True
            return
        i += 1


def _merge(text: str, lines: list[tuple[int, int, str]], marks: list[bool]) -> list[Span]:
    spans: list[Span] = []
    cur_start: int | None = None
    cur_end = 0
    for (start, end, _), marked in zip(lines, marks):
        if marked:
            if cur_start is None:
                cur_start = start
            cur_end = end
        elif cur_start is not None:
            spans.append(Span(cur_start, cur_end, text[cur_start:cur_end]))
            cur_start = None
    if cur_start is not None:
        spans.append(Span(cur_start, cur_end, text[cur_start:cur_end]))
    return spans
