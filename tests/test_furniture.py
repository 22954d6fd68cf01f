"""Page furniture: comment threads, teasers, link lists and headline runs are found; prose is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.furniture import find_furniture

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"

PROSE = (
    "Officials in Seoul said on Thursday that the detainees had been moved to a camp near the "
    "border, according to a report released by the ministry."
)
PROSE2 = (
    "The ministry added that it had asked the authorities in Beijing to stop the forced "
    "repatriation of the escapees, citing international law and its own records."
)


def marked(text: str) -> list[str]:
    return [s.text for s in find_furniture(text)]


@pytest.mark.parametrize(
    "line",
    [
        "Also read: North Korean hackers cash out millions in record scam",
        "ALSO READ | Missile launch condemned",
        "Read more: What the sanctions mean",
        "\U0001f517 Read more: Ten facts about the border",
        "\u2728 Don\u2019t miss: The map that explains the war",
        "Don't miss: The map that explains the war",
        "\U0001f4a1 You might also like: Why the frontlines are stuck",
        "You may also like: Photos of the week",
        "Related: UN votes on resolution",
        "Related Articles",
        "Recommended",
        "See also: Timeline of the talks",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Share this article",
        "Share on Facebook",
        "Subscribe to our newsletter for daily updates",
        "Sign up for our morning briefing",
        "Follow us on Twitter and Facebook",
        "\u00a9 2024 Example News Corp. All rights reserved.",
        "Copyright 2025 Example Media",
        "All rights reserved.",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Kim visits a factory in Pyongyang on Oct. 1, 2025. (Photo: KCNA)",
        "Soldiers stand guard at the border. (Photo by Jane Doe/Reuters)",
        "Photo by Jane Doe",
        "A soldier at Panmunjom. AP Photo/Ahn Young-joon",
        "Defectors gather in Seoul in March 2024. REUTERS/Kim Hong-Ji",
        "File photo of the Kaesong complex",
        "https://www.example.com/2025/10/01/north-korea-report",
        "www.example.com/news/world",
        "https://archive.is/pm9pA (kcna)",
        "- [Report on camps](https://example.org/camps)",
        "14 days ago",
        "\u00b7 3 hours ago",
        "1.2k shares",
        "55 comments",
        "Tags: North Korea, Human rights",
        "Reporting by Jane Doe; Editing by John Roe",
        "Image source, Getty Images",
        "Facebook Twitter WhatsApp Email",
        "Click to share on X (Opens in new window)",
        "Published 3 hours ago",
        "Getty Images",
    ],
)
def test_single_furniture_lines(line: str) -> None:
    """Each kind of furniture line is marked on its own, exactly and whole."""
    text = f"{PROSE}\n{line}\n{PROSE2}\n"
    spans = find_furniture(text)
    assert [s.text for s in spans] == [line]
    assert text[spans[0].start : spans[0].end] == line


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Mass Surveillance with AI",
        "Forced labour and child exploitation",
        "The Prison Camps: A 2026 Reality Check",
        "Why don't they just leave?",
        "By Jane Doe | October 2, 2025",
        "Published: October 2, 2025",
        "Pyongyang, October 2 (KCNA) \u2013 A researcher issued an article on Thursday.",
        "www.kcna.kp (2025.10.02.)",
        "The report said the cookies were confiscated at the border post by guards who accepted bribes.",
        "The photographer said he was detained for two weeks after taking pictures of the camp.",
        "She wrote to jane@example.org to ask for help.",
        "- Hunger as a weapon: inmates get so little food that they eat grass.",
        "Read the full report on the ministry's website before the hearing starts next week, officials said.",
        "Related reports by the UN found similar patterns of abuse across the country in 2024.",
        "42",
        "link",
        "Discussion",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    """Article prose, section headings, bylines, datelines and lone words are kept."""
    assert marked(f"{PROSE}\n{line}\n{PROSE2}\n") == []


def test_headline_run_after_article_is_furniture() -> None:
    """Three or more short title-case lines after the article form one furniture span."""
    heads = [
        "Kosovo Heads to Early Election Amid Deadlock",
        "Lebanon Cabinet Approves Financial Gap Law",
        "Thailand-Cambodia Ceasefire Holds After Border Clashes",
        "Argentina Congress Approves 2026 Budget Under Milei",
    ]
    text = PROSE + "\n\n" + PROSE2 + "\n\n\n" + "\n".join(heads) + " \n\n"
    assert marked(text) == ["\n".join(heads)]


def test_headline_list_with_dates_is_furniture() -> None:
    """A headline list whose items alternate with date lines is one furniture span."""
    block = (
        "Summit Ends Without Deal\nOctober 2, 2025\nKim Visits Factory in the North\nOct 1, 2025\n"
        "Floods Hit Eastern Provinces"
    )
    assert marked(f"{PROSE}\n{block}\n") == [block]


def test_related_block_after_heading_is_furniture() -> None:
    """A "Most Read" heading marks the short lines after it up to the next prose."""
    block = "Most Read\nKim Visits Factory\nOctober 1, 2025\nUN Votes"
    assert marked(f"{PROSE}\n{block}\n{PROSE2}") == [block]


@pytest.mark.parametrize("heading", ["Read also:", "Elsewhere this week", "More from our correspondents"])
def test_a_short_heading_over_bulleted_titles_at_the_end_is_a_link_rail(heading: str) -> None:
    """Whatever the heading says: after the last prose, a short heading over two or more
    bulleted titles, with only short lines after them, links other pages."""
    rail = f"{heading}\n- Seoul urges Beijing not to deport defectors\n- Mass rallies held in provinces to denounce U.S."
    assert any(rail in span for span in marked(f"{PROSE}\n{PROSE2}\n\n{rail}\n\nShare: Facebook | X\n"))


def test_a_closing_chronology_of_dated_bullets_is_kept() -> None:
    block = "Key dates\n- 2013: the pastor is arrested in October\n- 2014: he is sentenced to life in May"
    assert marked(f"{PROSE}\n{PROSE2}\n\n{block}\n") == []


def test_report_discussion_section_is_kept() -> None:
    """A report's "Discussion" heading late in the text does not turn the rest into furniture."""
    text = f"{PROSE}\n{PROSE2}\nDiscussion\n{PROSE}\n"
    assert marked(text) == []


def test_comments_heading_late_in_text_starts_thread() -> None:
    """A comment-section heading after the article makes the rest of the text furniture."""
    text = f"{PROSE}\n{PROSE2}\n12 Comments\nI disagree with all of this, and the date was October 1, 2025.\n"
    assert marked(text) == ["12 Comments\nI disagree with all of this, and the date was October 1, 2025."]


def test_byline_block_after_standfirst_is_not_a_headline_run() -> None:
    """Byline and date lines after a standfirst are not a headline run."""
    text = f"{PROSE}\nBy Jane Doe\nPublished: October 2, 2025\nUpdated: October 3, 2025\n{PROSE2}"
    assert marked(text) == []


def test_two_headings_are_not_a_headline_run() -> None:
    """Two headings in a row are section headings, not a headline list."""
    text = f"{PROSE}\nLife Inside the Camps\nThe Right to Eat: A Weaponized Supply\n{PROSE2}"
    assert marked(text) == []


def test_title_block_at_top_is_not_a_headline_run() -> None:
    """Headline, standfirst and byline at the top (before any prose) are never a headline run."""
    text = "Big Headline About Camps\nSecond Deck Headline Here\nBy Jane Doe And John Roe\n" + PROSE
    assert marked(text) == []


def test_comment_thread_runs_to_the_end() -> None:
    """A comment thread after the article is furniture from the first commenter to the end."""
    thread = (
        "  \u2022 someone [she/her]@hexbear.net\n    link\n    fedilink\n    arrow-up\n    55\n"
        "    \u00b7\n    14 days ago\n\n    I think the report is wrong about everything it says here.\n\n"
        "    \u2022 other@lemmy.ml\n      link\n      fedilink\n      arrow-up\n      7\n      \u00b7\n"
        "      edit-2\n      14 days ago\n\n      https://web.archive.org/web/20251001113243/https://example.org/\n"
        "      A reply that reads like prose, with words and a date, October 1, 2025.\n"
    )
    text = PROSE + "\n\n" + PROSE2 + "\n\n" + thread
    spans = find_furniture(text)
    assert len(spans) == 1
    assert spans[0].text.startswith("\u2022 someone")
    assert spans[0].end == len(text.rstrip())
    assert PROSE2 not in spans[0].text


def test_email_line_without_chrome_is_not_a_thread() -> None:
    """A handle-like line without vote/link chrome after it does not start a comment thread."""
    text = f"{PROSE}\nContact: press@example.org\n{PROSE2}\nMore prose follows here."
    assert marked(text) == []


def test_spans_sorted_and_merged() -> None:
    """Adjacent furniture lines merge; separate ones stay separate and sorted."""
    text = f"Advertisement\n{PROSE}\nShare this article\nSubscribe now\n{PROSE2}\n\u00a9 2025 News"
    assert marked(text) == ["Advertisement", "Share this article\nSubscribe now", "\u00a9 2025 News"]


@given(st.text(max_size=400))
def test_property_any_text(text: str) -> None:
    """For any text: no exception; spans in range, sorted, non-overlapping, exact and stripped."""
    last = 0
    for s in find_furniture(text):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text == s.text.strip()
        last = s.end


@given(
    st.lists(
        st.sampled_from(
            ["link", "55", "\u00b7", "14 days ago", "a@b.cd", "Also read: X", "Big Title Case Headline Here",
             PROSE, "", "  ", "https://x.org/a", "\u00a9 2024"]
        ),
        max_size=30,
    ).map("\n".join)
)
def test_property_furniture_shaped_text(text: str) -> None:
    """Text made of furniture-shaped lines still yields valid spans."""
    last = 0
    for s in find_furniture(text):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        last = s.end


# Seeds -------------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not present at {SEEDS}")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not present")
    return found[0].read_text(encoding="utf-8")


def _covered(text: str, spans: list, needle_start: int, needle_end: int) -> bool:
    return any(s.start <= needle_start and needle_end <= s.end for s in spans)


def _overlaps(spans: list, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


@pytest.mark.seeds
def test_seed_comment_thread_is_furniture() -> None:
    """In the KCNA seed everything after the article's URL lines is furniture; the article is not."""
    text = _seed("000")
    spans = find_furniture(text)
    article_end = text.index("-0-") + 3
    assert not _overlaps(spans, 0, article_end)
    stamp = text.index("(2025.10.02.)")
    assert not _overlaps(spans, stamp, stamp + 13)
    first_url = text.index("http", stamp)
    assert spans[-1].start == first_url
    assert spans[-1].end == len(text.rstrip())


@pytest.mark.seeds
def test_seed_teasers_are_furniture_and_headings_are_not() -> None:
    """In the seeds with teaser lines, only the teaser lines are furniture."""
    for prefix in ("001", "002"):
        text = _seed(prefix)
        spans = find_furniture(text)
        assert spans, prefix
        for s in spans:
            assert "\n" not in s.text
            assert any(k in s.text.lower() for k in ("also read", "read more", "miss:", "also like")), s.text
    text = _seed("001")
    heading = "Mass Surveillance with AI"
    if heading in text:
        i = text.index(heading)
        assert not _overlaps(find_furniture(text), i, i + len(heading))


@pytest.mark.seeds
def test_seed_headline_list_is_furniture() -> None:
    """In the seed ending with a headline list, the 17 headlines are furniture and the body is not."""
    text = _seed("004")
    spans = find_furniture(text)
    assert len(spans) == 1
    assert len(spans[0].text.splitlines()) == 17
    assert text[spans[0].end :].strip() == ""
    assert not _overlaps(spans, 0, text.index("4.77 million") + 50)


@pytest.mark.parametrize("text", ["Most Read\n" * 5000, "a@b.cd\nlink\n" * 5000, "Big Title Case Headline Here\n" * 5000])
def test_linear_on_pathological_input(text: str) -> None:
    """Thousands of furniture-shaped lines are handled quickly."""

    find_furniture(PROSE + "\n" + text)


def test_the_furniture_index_counts_covered_characters_of_overlapping_spans_once():
    from timeline.linear import SpanIndex

    index = SpanIndex([(0, 5), (3, 8), (10, 12), (20, 30)])  # the first two overlap: 0–8 once
    assert [index.covered(*span) for span in [(0, 100), (4, 11), (12, 20), (25, 26), (40, 50)]] == [20, 5, 0, 1, 0]


def test_year_lines_heading_a_chronology_are_no_vote_counts() -> None:
    """Years alone on their lines, one over each entry, head a chronology; a number beside
    "reply" and "share" is still a comment's chrome."""
    annex = "Annex: key dates\n\n2008\nMay 3 — Police detain six traders.\n\n2009\nJun. 1 — The court jails them.\n\n2011\nFeb. 9 — Two are freed.\n"
    assert marked(annex) == []
    thread = f"{PROSE}\n{PROSE2}\nreply\n2004\nshare\n"
    assert "reply\n2004\nshare" in marked(thread)
