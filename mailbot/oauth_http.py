"""The HTTP session the token providers talk through (requests: both OAuth extras install it).

`[oauth2] ca_file` must win over the environment: a `requests.Session`'s own `verify` loses to
`REQUESTS_CA_BUNDLE` and `CURL_CA_BUNDLE` when they are set (requests issue #3829; many hosts set
them), so the CA file is given with every request instead, where it does win.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

TIMEOUT_S = 30.0


class Session(requests.Session):
    """A requests session trusting `ca_file` (else the usual CAs), with a default timeout."""

    def __init__(self, ca_file: Path | None) -> None:
        super().__init__()
        self._ca_file = str(ca_file) if ca_file is not None else None

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if self._ca_file is not None and kwargs.get("verify") in (None, True):
            kwargs["verify"] = self._ca_file
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = TIMEOUT_S
        return super().request(method, url, *args, **kwargs)
