"""Security primitives: password hashing, access tokens, opaque secrets. No domain knowledge here.

Passwords use argon2id (argon2-cffi's defaults follow RFC 9106's recommendations). Access tokens
are short-lived HS256 JWTs signed with the service's secret key, so every worker can check them
without a database round trip for the signature. Refresh tokens and API keys are random
secrets shown once and stored only as SHA-256 digests: they carry 256 bits of entropy, so a slow
hash adds nothing, and a digest lets us find the row by an indexed lookup.
"""

import functools
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from api.core.db import utcnow

_hasher = PasswordHasher()
# Verified against when the account does not exist, so both answers take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class AccessClaims:
    subject: uuid.UUID
    expires_at: datetime


class InvalidToken(Exception):
    pass


def create_access_token(secret_key: str, subject: uuid.UUID, ttl: timedelta) -> tuple[str, datetime]:
    now = utcnow()
    expires = now + ttl
    claims = {"sub": str(subject), "iat": now, "exp": expires, "typ": "access", "jti": uuid.uuid4().hex}
    return jwt.encode(claims, secret_key, algorithm=ALGORITHM), expires


def read_access_token(secret_key: str, token: str) -> AccessClaims:
    """The claims of a valid, unexpired access token, else InvalidToken.

    A client sends the same token with every request for its lifetime: the signature is checked
    once per worker (a cache of recent tokens) and the expiry on every call."""
    claims = _verified_access_token(secret_key, token)
    if claims.expires_at <= datetime.now(UTC):
        raise InvalidToken("Signature has expired")
    return claims


@functools.lru_cache(maxsize=4096)
def _verified_access_token(secret_key: str, token: str) -> AccessClaims:
    try:
        claims = jwt.decode(
            token, secret_key, algorithms=[ALGORITHM], options={"require": ["sub", "exp", "typ"]}
        )
        if claims["typ"] != "access":
            raise InvalidToken("not an access token")
        return AccessClaims(uuid.UUID(claims["sub"]), datetime.fromtimestamp(claims["exp"]).astimezone())
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise InvalidToken(str(exc)) from exc


def keyed_digest(key: str, value: str) -> str:
    """HMAC-SHA256 of `value`: equal inputs meet, and without the key the digest reveals nothing."""
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
