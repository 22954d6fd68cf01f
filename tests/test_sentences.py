"""Sentence splitting: where sentences end, and offsets that always point at the text."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("A line without a stop\nThe next line", ["A line without a stop", "The next line"]),
        ("Heading\n\n\nParagraph one. Paragraph two.", ["Heading", "Paragraph one.", "Paragraph two."]),
        ("Windows\r\nline ends", ["Windows", "line ends"]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("He said \u201cIt is over.\u201d Nobody agreed.", ["He said \u201cIt is over.\u201d", "Nobody agreed."]),
        ("It ended (finally.) The rest", ["It ended (finally.)", "The rest"]),
        ("Prices rose 4.77 percent. Then fell.", ["Prices rose 4.77 percent.", "Then fell."]),
        ("The total was 4. 5 more came.", ["The total was 4.", "5 more came."]),
        ("He left. \u201cWhy?\u201d she asked.", ["He left.", "\u201cWhy?\u201d she asked."]),
        ('"Why?" she asked.', ['"Why?" she asked.']),
        ("Wait... what happened?", ["Wait... what happened?"]),
        ("It stopped\u2026 Then it started.", ["It stopped\u2026", "Then it started."]),
        ('"I was... Afraid of them," she said.', ['"I was... Afraid of them," she said.']),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("It was shut. **Then** it opened.", ["It was shut.", "**Then** it opened."]),
        ("  padded sentence.   ", ["padded sentence."]),
        ("", []),
        ("   \n \n", []),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    """Sentences end at terminal punctuation before a capital, quote or digit, and at line breaks."""
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Department of State released a report.",
        "The U.N. Security Council met.",
        "Mr. Kim and Mrs. Lee met Dr. Park.",
        "St. Petersburg hosted Gov. Smith and Gen. Lee.",
        "Lt. Col. Ri spoke to Sen. Rubio.",
        "It happened on Jan. 5 and Feb. 6 and Aug. 7.",
        "It happened on Sept. 9, Oct. 10, Nov. 11 and Dec. 12.",
        "Camp No. 14 is known.",
        "- **Jan. 22, 2020** — the border is shut.",
        "North Korea vs. South Korea was the match.",
        "Items, e.g. Radios, were seized.",
        "Items, i.e. Radios, were seized.",
        "Acme Inc. Reported losses.",
        "Acme Corp. Said nothing.",
        "J. Smith wrote it.",
        "Kim Jong Un met Kim Yo Jong.",
        "It began at 9 a.m. Local time.",
    ],
)
def test_no_split_after_abbreviations(text: str) -> None:
    """Abbreviations, titles, initials and dates do not end a sentence."""
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanctions were imposed by the U.S. The regime said.", ["Sanctions were imposed by the U.S.", "The regime said."]),
        ("It happened on 2 Oct. He was there.", ["It happened on 2 Oct.", "He was there."]),
        ("No. That is wrong.", ["No.", "That is wrong."]),
        ("Acme Inc. The company said.", ["Acme Inc.", "The company said."]),
        ("It ended at 5 p.m. The guards left.", ["It ended at 5 p.m.", "The guards left."]),
    ],
)
def test_abbreviation_at_sentence_end(text: str, expected: list[str]) -> None:
    """An abbreviation ends a sentence when a typical sentence opener or a non-number follows."""
    assert texts(text) == expected


def test_offsets_are_exact() -> None:
    """Every span's text is the slice of the input at its offsets."""
    text = "  First one.  Second one?\n\n  Third line\nMr. X.  "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert [s.text for s in spans] == ["First one.", "Second one?", "Third line", "Mr. X."]


def test_unicode_offsets_are_code_points() -> None:
    """Offsets count code points, so emoji and Hangul before a sentence do not shift it."""
    text = "\U0001f517 북한 인권. Next sentence here."
    spans = split_sentences(text)
    assert spans[1].text == "Next sentence here."
    assert text[spans[1].start : spans[1].end] == spans[1].text


def test_lowercase_after_stop_does_not_split() -> None:
    """A stop followed by a lowercase word is not a sentence end (an abbreviation we do not know)."""
    assert texts("The approx. number rose.") == ["The approx. number rose."]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("aB .!?\n\r\"'\u201c\u201d()\u20261US\u2028") + ["Mr.", " e.g. ", "U.S."]),
        max_size=80,
    ).map("".join)
)
def test_property_spans_are_valid(text: str) -> None:
    """For any text: no exception, spans in range, sorted, non-overlapping, stripped and exact."""
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert 0 <= last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        last = s.end


@given(st.text(max_size=300))
def test_property_any_unicode(text: str) -> None:
    """Arbitrary Unicode never breaks the splitter and every non-space character is covered."""
    spans = split_sentences(text)
    covered = sum(len(s.text) for s in spans)
    assert covered <= len(text)
    assert sum(1 for c in text if not c.isspace()) == sum(1 for s in spans for c in s.text if not c.isspace())


@pytest.mark.parametrize("text", ["." * 100_000, "? " * 50_000, "a." * 50_000, "\n" * 100_000])
def test_linear_on_pathological_input(text: str) -> None:
    """Long runs of punctuation or line breaks do not make the splitter quadratic."""
    split_sentences(text)


def test_a_footnote_mark_after_the_full_stop_still_ends_the_sentence() -> None:
    # text converted from a PDF keeps the superscript note numbers after the stop
    text = "Guards kept the women standing for hours.\u00b3 That winter most of them were released.\u00b9\u2070 Others stayed."
    assert [s.text for s in split_sentences(text)] == [
        "Guards kept the women standing for hours.\u00b3", "That winter most of them were released.\u00b9\u2070", "Others stayed."]


def test_a_hard_wrapped_line_goes_on_into_the_next() -> None:
    # text converted from a PDF breaks lines inside sentences; a heading or a short line does not go on
    text = ("Three years after her return she was held again for seven months in a\n"
            "pre-trial detention centre, and released in May.\n"
            "Findings\n"
            "the second part lists the cases.")
    assert [s.text for s in split_sentences(text)] == [
        "Three years after her return she was held again for seven months in a\npre-trial detention centre, and released in May.",
        "Findings", "the second part lists the cases."]
