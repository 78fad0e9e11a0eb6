"""One small exception hierarchy; the CLI turns each into one line on stderr."""


class AudiobriefError(Exception):
    """Base of every error a user can cause; its message names the input and the fix."""


class InputError(AudiobriefError):
    """An input cannot be read: missing, empty, binary, too large, unreachable."""


class NothingToReadError(InputError):
    """An input was read but no article text remains after cleaning."""


class VoiceError(AudiobriefError):
    """A voice preset is unknown or malformed."""


class LexiconError(AudiobriefError):
    """A lexicon file is malformed."""


class SynthesisError(AudiobriefError):
    """The speech engine failed on a segment even after retries."""


class OutputError(AudiobriefError):
    """An output file cannot be written."""
