"""Address rules (public or not, IPv4 inside IPv6 included) and URLs made safe to show."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from audiobrief.netguard import PrivateAddressError, display_url, is_public


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True),
    ("93.184.215.14", True),
    ("2606:4700:4700::1111", True),
    ("64:ff9b::808:808", True),  # NAT64 of a public address
    ("127.0.0.1", False),
    ("10.0.0.1", False),
    ("100.64.0.1", False),  # carrier-grade NAT
    ("169.254.169.254", False),  # cloud metadata
    ("192.0.0.8", False),
    ("224.0.0.251", False),  # multicast
    ("240.0.0.1", False),
    ("::1", False),
    ("::", False),
    ("::127.0.0.1", False),  # IPv4-compatible
    ("::8.8.8.8", False),  # IPv4-compatible forms are never used on the internet
    ("::ffff:127.0.0.1", False),  # IPv4-mapped
    ("::ffff:0:7f00:1", False),  # IPv4-translated
    ("64:ff9b::7f00:1", False),  # NAT64 of loopback
    ("64:ff9b::c0a8:101", False),  # NAT64 of 192.168.1.1
    ("64:ff9b:1::a00:1", False),  # local-use NAT64
    ("2002:7f00:1::1", False),  # 6to4 of loopback
    ("2002:a00:1::", False),  # 6to4 of 10.0.0.1
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ("fe80::1", False),
    ("fe80::1%2", False),
    ("fd00::1", False),
    ("fec0::1", False),
    ("ff02::1", False),
    ("2001:db8::1", False),
])
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(("url", "shown"), [
    ("https://user:pass@example.org/a", "https://example.org/a"),
    ("http://token@example.org", "http://example.org"),
    ("https://a:b@c@example.org:8443/p?q=1#f", "https://example.org:8443/p?q=1#f"),
    ("HTTP://User:Pw@Example.org/", "HTTP://Example.org/"),
    ("//u:p@host/x", "//host/x"),
    ("https://example.org/path@with-at", "https://example.org/path@with-at"),
    ("https://example.org/?next=http://u:p@x.org", "https://example.org/?next=http://u:p@x.org"),
    ("https://example.org#u:p@x", "https://example.org#u:p@x"),
    ("http://[::1:bad@host/", "http://host/"),
    ("  https://u:p@example.org/  ", "https://example.org/"),
    ("not a url", "not a url"),
])
def test_display_url(url: str, shown: str) -> None:
    assert display_url(url) == shown


def test_private_address_advice_can_be_rephrased() -> None:
    error = PrivateAddressError("http://intranet.example/")
    assert str(error) == ("'http://intranet.example/' is on a private or local network: "
                          "only addresses on the public internet are fetched")
    assert str(error.with_fix("ask the server's operator")) == (
        "'http://intranet.example/' is on a private or local network: ask the server's operator")


def test_server_intake_labels_hide_credentials(tmp_path: Path) -> None:
    """A URL's label (what the library and stored errors name it by) has no user name or
    password; the URL fetched keeps them."""
    from audiobrief.server.config import Settings
    from audiobrief.server.schemas import BriefingRequest
    from audiobrief.server.services.intake import InvalidRequest, from_json

    settings = Settings(home=tmp_path)
    request = BriefingRequest(articles=[{"url": "https://bob:hunter2@news.example/story"}])
    source = from_json(request, settings).sources[0]
    assert source.label == "https://news.example/story"
    assert source.data == b"https://bob:hunter2@news.example/story"
    bad = BriefingRequest(articles=[{"url": "https://bob:hunter2@news.example/a story"}])
    with pytest.raises(InvalidRequest) as caught:
        from_json(bad, settings)
    assert str(caught.value) == ("'https://news.example/a story' is not an http or https web "
                                 "address: give one URL a line.")
