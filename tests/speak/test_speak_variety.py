"""The voice's language variety reaches the speak stage when a briefing is planned."""

import pytest

from audiobrief.model import Article
from audiobrief.pipeline import MakeOptions, plan_briefing
from audiobrief.presets import load_voice
from audiobrief.speak import variety_of_voice


@pytest.mark.parametrize(
    ("engine_voice", "variety"),
    [("gmw/en-us", "en-us"), ("gmw/en", "en-gb"), ("gmw/en-GB-scotland", "en-gb"), ("en-us", "en-us"),
     ("en_US-joe-medium", "en-us"), ("/home/me/voices/en_US-amy-low.onnx", "en-us"),
     ("en_GB-alan-low", "en-gb"), ("gmw/en-us-nyc", "en-us")],
)
def test_variety_of_voice(engine_voice: str, variety: str) -> None:
    assert variety_of_voice(engine_voice) == variety


@pytest.mark.parametrize(
    ("preset", "said"),
    [
        ("en-us", "The farm covers one hundred seventy acres and cost five dollars and ten cents."),
        ("en-gb", "The farm covers one hundred and seventy acres and cost five dollars ten cents."),
    ],
)
def test_plan_speaks_in_the_voice_variety(preset: str, said: str) -> None:
    article = Article("Farm", ("The farm covers 170 acres and cost $5.10.",))
    plan = plan_briefing([article, article], MakeOptions(voice=load_voice(preset)))
    assert plan.segments[0].id == "intro-s0"
    assert [s.spoken for s in plan.segments if s.written.startswith("The farm")] == [said, said]
