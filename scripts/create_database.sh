#!/usr/bin/env bash
# Recreate an empty database on the local server and print its SQLAlchemy URL: create_database.sh NAME
set -euo pipefail
name=${1:?database name}
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE \"$name\"" >/dev/null
echo "postgresql+asyncpg://postgres@127.0.0.1:5432/$name"
