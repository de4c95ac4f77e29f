"""The classroom's codes: a short join code for participants, a long token for the lecturer.

The join code is typed from a projector, so it is short and avoids look-alike characters
(like Jupyter's token, it is a shared secret of the room, not a personal login); the
lecturer's token opens the class board and the export. Comparisons take constant time.
"""

from __future__ import annotations

import hmac
import re
import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O, 1/I, easy to read off a projector and to type."""


def new_join_code(length: int = 6) -> str:
    """A random join code, e.g. ``"K7PQ3X"`` (about 30 bits for 6 letters)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_lecturer_token() -> str:
    """A random token for the lecturer's board (about 144 bits)."""
    return secrets.token_urlsafe(18)


def same_code(given: object, expected: str) -> bool:
    """Whether ``given`` is ``expected`` (case and dashes/spaces ignored; constant time)."""
    if not isinstance(given, str) or len(given) > 200:
        return False
    clean = re.sub(r"[\s-]", "", given).upper()
    return hmac.compare_digest(clean.encode(), re.sub(r"[\s-]", "", expected).upper().encode())


def same_token(given: object, expected: str) -> bool:
    """Whether ``given`` is exactly ``expected`` (constant time)."""
    return isinstance(given, str) and len(given) <= 200 and hmac.compare_digest(
        given.encode(), expected.encode())
