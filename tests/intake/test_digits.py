"""Numbers from outside are ASCII digits only: what str.isdigit and int() also take is refused."""

from __future__ import annotations

import pytest

from audiobrief.digits import ascii_int
from audiobrief.errors import AudiobriefError
from audiobrief.settings import env_int


@pytest.mark.parametrize(("text", "number"), [
    ("300", 300), ("0", 0), (b"1048576", 1048576), ("9" * 18, int("9" * 18)),
    ("\u0663\u0660\u0660", None), ("\u00b2", None), ("\u2460", None), ("\uff13", None),
    ("", None), ("+5", None), ("-5", None), (" 5", None), ("5.0", None), ("9" * 19, None),
])
def test_ascii_int(text: str | bytes, number: int | None) -> None:
    assert ascii_int(text) == number


def test_ascii_int_bounds_the_digits() -> None:
    assert ascii_int("123456789", max_digits=9) == 123456789
    assert ascii_int("1234567890", max_digits=9) is None


def test_env_int_refuses_other_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOBRIEF_QUEUE_SIZE", "\u0663")
    with pytest.raises(AudiobriefError, match="AUDIOBRIEF_QUEUE_SIZE='\u0663' is not a whole number"):
        env_int("AUDIOBRIEF_QUEUE_SIZE", 8)
