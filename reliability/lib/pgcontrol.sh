#!/usr/bin/env bash
# Stops and restarts the throwaway PostgreSQL of scripts/lib/postgres.sh WITHOUT deleting its
# data, to simulate a database outage. Source after scripts/lib/postgres.sh, after pg_start.
#
#   pg_pause    # fast shutdown: open connections are terminated (57P01)
#   pg_resume   # starts it again on the same port and data

pg_pause() {
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null
}

pg_resume() {
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
}
