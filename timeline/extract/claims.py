"""Who says so, how sure, and what is denied: the claim layer of an event mention (stdlib only).

Certainty follows GRaSP: ``certain`` unless a hedge governs the trigger — ``probable`` for
"reportedly", "likely", "estimated"; ``possible`` for "may", "could", "allegedly", "claims".

>>> certainty_of("China reportedly sent 60 people back.", 28)
'probable'
>>> certainty_of("Such practices may amount to slavery.", 20)
'possible'
>>> certainty_of("China sent 60 people back.", 6)
'certain'
"""

from __future__ import annotations

import re

_POSSIBLE = re.compile(
    r"\b(?:may|might|could|possibly|possible|allegedly|alleged|claims?|claimed|claiming|potentially|"
    r"perhaps|unconfirmed|rumou?red)\b"
)
_PROBABLE = re.compile(
    r"\b(?:reportedly|likely|probably|believed|suspected|estimated?|estimates|apparently|"
    r"reports? (?:surfaced|emerged|said|suggest(?:ed)?)|said to|reported to|thought to|understood to|appears? to|"
    r"seems? to)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|didn[’']t|wasn[’']t|weren[’']t|hasn[’']t|haven[’']t|denied|denies|deny)\b\W*(?:\w+\W+){0,2}$", re.IGNORECASE)

# Irrealis: advocacy, conditions and futures state no event ("only pressure might stop the
# forced repatriation of refugees", "if they are caught", "should be sanctioned").
_IRREALIS = re.compile(
    r"\b(?:stop(?:s|ping)?|prevent(?:s|ing)?|halt(?:s|ing)?|end(?:ing)? the|urg(?:e|es|ed|ing)|"
    r"call(?:s|ed|ing)? (?:on|for)|should|must|would|will|shall|if|whether|unless|can (?:\w+ )?be|"
    r"support(?:s|ing)? policies|threaten(?:s|ed|ing)? to|plans? to|vow(?:s|ed)? to|aim(?:s|ed)? to|"
    r"try(?:ing)? to|trying|want(?:s|ed)? to|seek(?:s|ing)? to|often|usually|typically|generally|tend to)\b[^.;:]{0,50}$",
    re.IGNORECASE,
)

# Verbs that report what another actor says ("the report found that", "X said that").
REPORTING = re.compile(
    r"\b(?:said|says|say|reported|reports|found|finds|noted|notes|highlighted|highlights|warned|warns|"
    r"flagged|flags|concluded|concludes|estimated?|estimates|documented|documents|claimed|claims|claiming|"
    r"told|recalled|described|describes|alleged|alleges|detailed|details|revealed|reveals|showed|shows|"
    r"stated|states|added|confirmed|accused(?!\s+of\b)|accuses)\b"
)
ACCORDING_TO = re.compile(r"\b(?:according to|citing|as reported by|reported by)\s+", re.IGNORECASE)
REPORT_NOUN = re.compile(
    r"\b(?:report|review|assessment|findings|study|survey|investigation|inquiry|document|paper)s?\b", re.IGNORECASE
)
ACCUSATION = re.compile(r"\b(?:accusations?|allegations?|claims?|charges?|criticism|report|findings)\b", re.IGNORECASE)


def certainty_of(sentence: str, trigger_at: int, *, window: int = 90) -> str:
    """The certainty of the event whose trigger starts at ``trigger_at`` (offset in ``sentence``).

    Hedges count in the clause before the trigger (up to ``window`` characters) and right
    after it ("may have violated" has its hedge before the verb; "is likely to" after).
    """
    before = sentence[max(0, trigger_at - window) : trigger_at]
    # only the current clause: cut at the last clause break before the trigger
    cut = max(before.rfind(";"), before.rfind(" but "), before.rfind(" while "))
    if cut >= 0:
        before = before[cut:]
    if _POSSIBLE.search(before):
        return "possible"
    if _PROBABLE.search(before):
        return "probable"
    return "certain"


def is_negated(sentence: str, trigger_at: int) -> bool:
    """Whether a negation governs the trigger ("did not execute", "never sent back").

    >>> is_negated("Officials did not execute anyone.", 18)
    True
    """
    return bool(_NEGATION.search(sentence[max(0, trigger_at - 40) : trigger_at]))


def is_irrealis(sentence: str, trigger_at: int) -> bool:
    """Whether the trigger sits in advocacy, a condition or a future ("might stop the
    repatriation", "if they are arrested"), which states no event.

    >>> is_irrealis("Only pressure from abroad might halt the forced repatriation of refugees.", 47)
    True
    >>> is_irrealis("China forcibly repatriated 60 people.", 15)
    False
    """
    return bool(_IRREALIS.search(sentence[max(0, trigger_at - 60) : trigger_at]))
