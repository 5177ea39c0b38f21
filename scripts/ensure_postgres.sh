#!/usr/bin/env bash
# Make a PostgreSQL server available on 127.0.0.1:5432 with trust auth for local connections,
# installing Debian's package if it is missing and starting the cluster if it is stopped.
# Idempotent; needs root (CI and the development machines run as root). Prints nothing on success
# but one line naming the server.
set -euo pipefail

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && psql -h 127.0.0.1 -U postgres -Atc "select 1" >/dev/null 2>&1; then
  echo "postgres: already running on 127.0.0.1:5432"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
command -v pg_ctlcluster >/dev/null || { apt-get update -q; apt-get install -y -q postgresql; }
V=$(ls /etc/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$V main" || pg_createcluster "$V" main
# A conf.d file, not pg_conftool: the latter writes listen_addresses unquoted and the server refuses it.
printf "listen_addresses = '127.0.0.1'\nport = 5432\n" > "/etc/postgresql/$V/main/conf.d/qcdc.conf"
HBA=/etc/postgresql/$V/main/pg_hba.conf
grep -q '^host all all 127.0.0.1/32 trust' "$HBA" || sed -i '1i host all all 127.0.0.1/32 trust' "$HBA"
if pg_lsclusters -h | grep -q "^$V main .* online"; then
  pg_ctlcluster "$V" main reload
else
  pg_ctlcluster --skip-systemctl-redirect "$V" main start 2>/dev/null || pg_ctlcluster "$V" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
