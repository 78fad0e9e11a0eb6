"""Where fetching may connect (public addresses only, each host resolved and checked once) and
URLs safe to show. The connection itself goes to the checked addresses (audiobrief/pinned.py), so
a name that answers differently the second time (DNS rebinding) cannot lead into a private network.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: IPv4 ranges that are not the public internet (RFC 6890 and the IANA special-purpose registry)
NOT_PUBLIC_V4 = tuple(ipaddress.IPv4Network(net) for net in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
))
#: IPv6 ranges that are not the public internet, IPv4-compatible (::a.b.c.d), -mapped and
#: -translated forms and Teredo (2001::/32, inside 2001::/23) included
NOT_PUBLIC_V6 = tuple(ipaddress.IPv6Network(net) for net in (
    "::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
    "2001:db8::/32", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
))
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  #: well-known NAT64 prefix: the last 32 bits are IPv4
PRIVATE_FIX = "only addresses on the public internet are fetched"
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*@")


class PrivateAddressError(InputError):
    """A URL's host is (or resolves to) an address that is not on the public internet."""

    def __init__(self, shown_url: str, fix: str = PRIVATE_FIX) -> None:
        super().__init__(f"'{shown_url}' is on a private or local network: {fix}")
        self.shown_url = shown_url

    def with_fix(self, fix: str) -> PrivateAddressError:
        """The same refusal with the caller's own advice (a command-line flag, a server setting)."""
        return PrivateAddressError(self.shown_url, fix)


def display_url(url: str) -> str:
    """The URL without any user name or password, for messages and labels."""
    return _USERINFO.sub(lambda match: f"{match.group(1) or ''}//", url.strip(), count=1)


def is_public(address: IPAddress) -> bool:
    """True for an address on the public internet; IPv4 inside IPv6 (NAT64, 6to4) is judged too."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id or any(address in net for net in NOT_PUBLIC_V6):
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    elif any(address in net for net in NOT_PUBLIC_V4):
        return False
    return address.is_global and not address.is_multicast


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a NAT64 or 6to4 address leads to, if it is one."""
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


class PinnedAddresses:
    """The addresses each host was resolved to (and checked, unless private ones are allowed)."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._by_host: dict[str, tuple[str, ...]] = {}

    def check(self, url: httpx.URL, shown_url: str, timeout: float | None = None) -> None:
        """Resolve the URL's host once and pin its addresses, or raise InputError; TimeoutError when
        the name is not resolved within timeout seconds."""
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            infos = resolve(host, port, timeout)
        except (socket.gaierror, UnicodeError) as exc:
            raise InputError(f"'{shown_url}': host '{url.host}' not found: check the URL") from exc
        addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        if not self.allow_private and not all(is_public(ipaddress.ip_address(a)) for a in addresses):
            raise PrivateAddressError(shown_url)
        self._by_host[host] = addresses

    def addresses(self, host: str) -> tuple[str, ...]:
        """The pinned addresses of a host; none for a host never checked."""
        return self._by_host.get(host, ())


def resolve(host: str, port: int, timeout: float | None) -> list[Any]:
    """getaddrinfo for a TCP connection, given up after timeout seconds (TimeoutError): the system
    resolver takes as long as the name's servers make it, so the lookup runs on a thread of its own,
    left to end by itself when it overruns."""
    if timeout is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    outcome: list[Any] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=look_up, name="resolve", daemon=True).start()
    if not done.wait(max(0.0, timeout)):
        raise TimeoutError(f"'{host}' was not resolved within {timeout:.1f} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
