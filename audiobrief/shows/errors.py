"""The refusals of the show service: one line each, naming the input and the fix."""

from __future__ import annotations

from ..errors import AudiobriefError


class ShowError(AudiobriefError):
    """A show request that cannot be done; the message names the input and the fix."""


class ShowNotFound(ShowError):
    """No show has this slug."""


class ShowExists(ShowError):
    """A show with this slug exists already."""


class ShowLimit(ShowError):
    """The account has as many shows as one account may have."""


class RunBusy(ShowError):
    """The show has a run waiting or going already."""


class OverQuota(ShowError):
    """The show's account keeps its quota of briefings (an episode would be one more)."""


class RunsFull(ShowError):
    """Too many show runs are waiting or going, in all (503) or for this account (429)."""

    status = 503


class AccountRunsFull(RunsFull):
    """This account has as many runs waiting or going as it may have at once."""

    status = 429
