"""Where uploaded files live: a small interface, and the local-disk implementation used by default.

The database holds what a file is (name, type, size, digest, who sent it); the storage holds its
bytes under an opaque key the server makes up. A client's file name never becomes a path, so a
name like `../../etc/passwd` or `CON.pdf` is only ever a label.
"""

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

import anyio

# Two hex characters of fan-out, then 128 random bits: no directory grows past a few thousand
# entries per million files, and no key can be guessed or collide.
_KEY = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{32}$")
_CHUNK = 256 * 1024


class StorageKeyError(ValueError):
    """A key this storage did not make (a tampered row, or a bug): refused before any file access."""


def new_key() -> str:
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}"


class Storage(Protocol):
    """Bytes under keys. Writes are atomic: a key holds a whole file or nothing."""

    async def put(self, key: str, data: bytes) -> None: ...

    async def read(self, key: str) -> bytes:
        """The file's bytes; `FileNotFoundError` if there is none."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the file; a missing one is not an error (deletes are retried and may race)."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def put_file(self, key: str, source: Path) -> None:
        """Store a file already written elsewhere (a large export), taking it over: `source` is gone."""
        ...

    def stream(self, key: str) -> AsyncIterator[bytes]:
        """The file's bytes a chunk at a time (a download of any size in constant memory)."""
        ...


class LocalStorage:
    """Files under one directory (`<data_dir>/attachments`), readable by the service's user only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise StorageKeyError(f"not a storage key: {key!r}")
        return self.root / key

    def path_of(self, key: str) -> Path:
        """Where the file lies, for a reader that takes a path (a job reading a big import a chunk
        at a time); `FileNotFoundError` if there is none."""
        path = self._path(key)
        if not path.is_file():
            raise FileNotFoundError(key)
        return path

    def _put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.exists():
            raise FileExistsError(key)
        # Written beside its final place and renamed over it: a crash leaves a stray temporary
        # file, never a truncated attachment. mkstemp creates it 0600.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a power cut
        finally:
            os.close(directory)

    async def put(self, key: str, data: bytes) -> None:
        await anyio.to_thread.run_sync(self._put, key, data)

    async def read(self, key: str) -> bytes:
        path = self._path(key)
        return await anyio.to_thread.run_sync(path.read_bytes)

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await anyio.to_thread.run_sync(lambda: path.unlink(missing_ok=True))

    async def exists(self, key: str) -> bool:
        path = self._path(key)
        return await anyio.to_thread.run_sync(path.is_file)

    def _put_file(self, key: str, source: Path) -> None:
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.exists():
            raise FileExistsError(key)
        with source.open("rb") as f:
            os.fsync(f.fileno())
        # A rename where both lie on one file system; else a copy beside the place, then a rename.
        try:
            os.replace(source, path)
        except OSError:
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            try:
                with os.fdopen(fd, "wb") as out, source.open("rb") as f:
                    shutil.copyfileobj(f, out, _CHUNK)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            source.unlink(missing_ok=True)

    async def put_file(self, key: str, source: Path) -> None:
        await anyio.to_thread.run_sync(self._put_file, key, source)

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        async with await anyio.open_file(path, "rb") as file:
            while chunk := await file.read(_CHUNK):
                yield chunk


def local_storage(data_dir: Path) -> LocalStorage:
    """The service's files under its data directory: the API's and the job worker's alike."""
    return LocalStorage(data_dir / "attachments")
