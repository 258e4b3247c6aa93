"""Which URLs the crawler may request: http and https only, and, unless a source
allows it, never an address inside the machine or its network (loopback,
private, link-local, cloud metadata …): a feed must not make the crawler fetch
internal services."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit


class Refused(Exception):
    """A URL the crawler will not request, and why."""


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise Refused(f"host {host} does not resolve ({exc.strerror})") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def check(url: str, allowed: tuple[str, ...] = ()) -> None:
    """Raise Refused unless `url` may be requested. `allowed`: internal networks
    a source may reach anyway ("127.0.0.1/32", "10.1.0.0/16")."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}")
    if not parts.hostname:
        raise Refused("URL has no host")
    if parts.username or parts.password:
        raise Refused("URL carries credentials; put them nowhere in a source file")
    for address in _addresses(parts.hostname):
        check_address(parts.hostname, address, allowed)


def check_address(host: str, address: str | ipaddress.IPv4Address | ipaddress.IPv6Address,
                  allowed: tuple[str, ...] = ()) -> None:  # fmt: skip
    """Raise Refused when `address` (of `host`) is internal and not allowed."""
    address = ipaddress.ip_address(str(address).split("%")[0])
    if _internal(address) and not any(address in ipaddress.ip_network(n, strict=False) for n in allowed):
        raise Refused(
            f"{host} is an internal address ({address}); a source reaches one only when "
            'its allow_private lists it, e.g. allow_private = ["10.1.0.0/16"]'
        )


SECRET_PARAMETERS = re.compile(r"(?i)^(.*token|.*key|.*secret|pass(word)?|auth.*|sig(nature)?|session.*)$")


def redacted(url: str) -> str:
    """The URL as logs and quarantine rows show it: no user or password, and the
    values of query parameters that look like secrets (token, api_key …) hidden."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    pairs = [p.split("=", 1) for p in parts.query.split("&")] if parts.query else []
    query = "&".join(
        f"{p[0]}=…" if len(p) == 2 and SECRET_PARAMETERS.match(p[0]) else "=".join(p) for p in pairs
    )
    return parts._replace(netloc=netloc, query=query).geturl()
