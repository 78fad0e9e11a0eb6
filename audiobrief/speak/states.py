"""U.S. states in AP style after a town ("Louisville, Ky.") and with a party ("D-Mass.", "R-Texas")."""

from __future__ import annotations

import re

from .numerals import STATES
from .rewrite import Rule, needing

#: AP style abbreviations (and the names AP writes out) -> the state's name
AP_STATES = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}
WRITTEN_OUT = (
    "Alaska|Hawaii|Idaho|Iowa|Maine|Ohio|Texas|Utah|Alabama|Arizona|Arkansas|California|Colorado"
    "|Connecticut|Delaware|Florida|Georgia|Illinois|Indiana|Kansas|Kentucky|Louisiana|Maryland"
    "|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Oklahoma|Oregon"
    "|Pennsylvania|Tennessee|Vermont|Virginia|Washington|Wisconsin|Wyoming|New \\w+|North \\w+|South \\w+"
    "|West Virginia|Rhode Island"
)
PARTIES = {"D": "Democrat", "R": "Republican", "I": "independent"}
ABBREVIATION = "|".join(re.escape(a) for a in sorted(AP_STATES, key=len, reverse=True))
#: "(D-Mass.)", "R-Texas": party and state of a member of Congress
PARTY_STATE_RE = re.compile(rf"\b(?P<party>[DRI])-(?P<state>{ABBREVIATION}|(?:{WRITTEN_OUT})\b)")
#: "Louisville, Ky." - a state after a town (or a county: "Orange Co., Calif.") and a comma
TOWN_STATE_RE = re.compile(
    rf"(?=[A-Z])(?:(?<=[a-z], )|(?<=\bCo\., ))(?P<state>{ABBREVIATION})"
    r"(?P<end>(?=\s+[A-Z\"\u201c])|$)?(?=[\s,;:)\"\u201d]|$)"
)


#: "(R-OH)", ", D-NY,": party and postal code, set apart by brackets or commas (no "R-rated")
PARTY_POSTAL_RE = re.compile(r"(?P<party>[DRI])(?:(?<=\([DRI])|(?<=, [DRI]))-(?P<state>[A-Z]{2})(?=\)|,)")


def say_party_postal(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "(R-OH)" as "Republican of Ohio", like "(R-Ohio)"."""
    state = STATES.get(match["state"])
    if state is None:
        return None
    return f"{PARTIES[match['party']]} of {state}", "party and state in postal code"


def _state(written: str) -> str:
    """The state's name for an AP abbreviation or a name written out."""
    return AP_STATES.get(written, written)


def say_party_state(match: re.Match[str]) -> tuple[str, str]:
    """Say "D-Mass." as "Democrat of Massachusetts"."""
    return f"{PARTIES[match['party']]} of {_state(match['state'])}", "party and state"


def say_town_state(match: re.Match[str]) -> tuple[str, str]:
    """Say "Ky." after a town as "Kentucky", keeping a full stop that also ends the sentence."""
    return _state(match["state"]) + ("." if match["end"] is not None else ""), "state after a town"


RULES = (
    *needing("-", Rule("party and state", PARTY_STATE_RE, say_party_state)),
    *needing("-", Rule("party and state", PARTY_POSTAL_RE, say_party_postal)),
    *needing(".", Rule("state after a town", TOWN_STATE_RE, say_town_state)),
)
