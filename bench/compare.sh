#!/usr/bin/env bash
# bench/compare.sh: logins per second and latency of Keyfob (embedded H2, PostgreSQL, a store of
# 1,000 and of 1,000,000 tokens) against FreeRADIUS 3.2 answering PAP from its users file, on this
# machine, with the same load generator (benchmarks module, org.keyfob.bench.load). Prints a table
# and the ratios. Stops everything it started, also on Ctrl-C.
#
#   mvn -B -q package -DskipTests -pl server,benchmarks -am     # once
#   bench/compare.sh
#
# Each target gets a closed-loop saturation run (INFLIGHT requests outstanding), then a
# fixed-rate run at half the rate it reached, for latency below saturation. Keyfob runs with
# -Xmx256m; its peak heap comes from its GC log. Environment (defaults in brackets):
#   DURATION [20] measured seconds per run     WARMUP [30] seconds before measuring (the JIT
#     still compiles for about 40 s after keyfobd starts: a 5 s warm-up measured a third less)
#   INFLIGHT [64] outstanding requests          ACTIVE [1000] users that log in
#   BIG [1000000] tokens in the large store; 0 skips it (filled once, ~minutes; cached)
#   PG_URL [jdbc:postgresql://127.0.0.1:5432/test] ; SKIP_H2=1, SKIP_PG=1, SKIP_FREERADIUS=1 skip those
#   JFR=1 records the Keyfob H2 saturation run to benchmarks/target/load/keyfob-h2.jfr
#   KEYFOB_ARGS extra JVM options for keyfobd
#   H2_SETTINGS extra H2 URL settings for the 1,000-token H2 run, e.g. PAGE_SIZE=1024
#   KEYFOB_HOME [this checkout] the build whose bin/keyfobd runs (e.g. a worktree of an older
#     commit, for before/after figures with the same load generator)
#   SERVER_CPUS, LOAD_CPUS [unset] pin keyfobd and FreeRADIUS, and the load generator, to these
#     CPUs (taskset -c syntax, e.g. SERVER_CPUS=0 LOAD_CPUS=1), so that neither waits for a core
#     the other holds. PostgreSQL's own processes are not pinned.
# Filled stores are kept under benchmarks/target/load/ (delete it to start again). With the
# defaults the whole run takes about 10 minutes, plus the first fill of the large store.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
INFLIGHT=${INFLIGHT:-64}
ACTIVE=${ACTIVE:-1000}
BIG=${BIG:-1000000}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
KEYFOB_PORT=${KEYFOB_PORT:-18121}
RADIUS_PORT=${RADIUS_PORT:-18129}
SECRET=keyfob-bench-shared-secret
load_dir=$repo/benchmarks/target/load
bench_jar=$repo/benchmarks/target/benchmarks.jar
keyfob_home=${KEYFOB_HOME:-$repo}
work=$(mktemp -d /tmp/keyfob-compare.XXXXXX)
(umask 077; printf '%s\n' "$SECRET" > "$work/secret")
started=()

cleanup() {
    for pid in "${started[@]}"; do
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$bench_jar" ] || [ ! -f "$keyfob_home/server/target/keyfob-server.jar" ]; then
    echo "compare.sh: build first: mvn -B -q package -DskipTests -pl server,benchmarks -am (in $repo)" >&2
    exit 1
fi

load() { ${LOAD_CPUS:+taskset -c "$LOAD_CPUS"} java -Xmx1g -cp "$bench_jar" org.keyfob.bench.load.LoadMain "$@"; }

fill() { # fill DIR TOKENS [PG_SCHEMA]
    if [ -n "${3:-}" ]; then
        load fill --dir "$1" --tokens "$2" --active "$ACTIVE" --pg-url "$(pg_url "$3")" 2>&1 | grep '^fill:'
    else
        load fill --dir "$1" --tokens "$2" --active "$ACTIVE" 2>&1 | grep '^fill:'
    fi
}

pg_url() { local sep='?'; case $PG_URL in *\?*) sep='&' ;; esac; echo "${PG_URL}${sep}currentSchema=$1&user=postgres"; }

h2_url() { echo "jdbc:h2:file:$1/keyfob;AUTO_SERVER=TRUE"; }

# field NAME LINE: the value of NAME=... in a RESULT line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2 "; }

start_keyfob() { # start_keyfob NAME DATA_DIR [STORE_URL]
    local name=$1 dir=$2 url=${3:-}
    cat > "$work/$name.yaml" <<YAML
radius:
  listen: [127.0.0.1]
  port: $KEYFOB_PORT
  password-mode: pin+otp
  clients:
    - name: bench
      address: 127.0.0.1
      secret: $SECRET
store:
  data-dir: $dir
  key-file: keyfob.key
YAML
    if [ -n "$url" ]; then echo "  url: $url" >> "$work/$name.yaml"; fi
    # The per-login INFO line goes nowhere, as FreeRADIUS logs no authentications by default.
    cat > "$work/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %-5level %logger{30} %msg%n</pattern></encoder>
  </appender>
  <logger name="keyfob.auth" level="WARN"/>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
XML
    local jfr=""
    if [ "${JFR:-0}" = 1 ] && [ "$name" = keyfob-h2 ]; then
        jfr="-XX:StartFlightRecording=filename=$load_dir/keyfob-h2.jfr,settings=profile,delay=${WARMUP}s"
    fi
    JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/$name.gc.log -Dlogback.configurationFile=$work/logback.xml $jfr ${KEYFOB_ARGS:-}" \
        ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} "$keyfob_home/bin/keyfobd" --config "$work/$name.yaml" > "$work/$name.log" 2>&1 &
    started+=($!)
    server_pid=$!
    for _ in $(seq 300); do
        grep -q 'listening on' "$work/$name.log" && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "compare.sh: keyfobd ($name) did not start; its log:" >&2
    cat "$work/$name.log" >&2
    exit 1
}

stop_server() {
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
}

# peak heap in MB from a -Xlog:gc file ("... 120M->20M(256M) ...")
peak_heap() { grep -o '[0-9]*M->' "$1" 2>/dev/null | sed 's/M->//' | sort -n | tail -1; }

results=()
measure() { # measure NAME PORT RUN-ARGS...: saturation, then half rate
    local name=$1 port=$2; shift 2
    local sat half size_before=0
    [ -n "${store_file:-}" ] && size_before=$(stat -c %s "$store_file")
    sat=$(load run --label "$name" --port "$port" --secret-file "$work/secret" --mode saturate --inflight "$INFLIGHT" \
        --duration "$DURATION" --warmup "$WARMUP" --server-pid "$server_pid" "$@" | grep '^RESULT')
    if [ -n "${store_file:-}" ]; then
        # How much the H2 file grew during the run (priming, warm-up and measured seconds); old
        # MVStore chunks are only reused after H2's 45-second retention time.
        sat="$sat file_growth_mb=$(awk -v a="$size_before" -v b="$(stat -c %s "$store_file")" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')"
    fi
    echo "$sat"
    local rate
    rate=$(awk -v r="$(field answered_per_s "$sat")" 'BEGIN { printf "%d", r / 2 }')
    half=$(load run --label "$name" --port "$port" --secret-file "$work/secret" --mode rate --rate "$rate" \
        --duration "$DURATION" --warmup 2 "$@" | grep '^RESULT')
    echo "$half"
    results+=("$name|$sat|$half")
}

mkdir -p "$load_dir"
echo "== filling stores (reused when already filled)"
fill "$load_dir/h2-1000" 1000
[ "${SKIP_PG:-0}" = 1 ] || fill "$load_dir/pg-1000" 1000 kf_load_1000
[ "$BIG" = 0 ] || fill "$load_dir/h2-$BIG" "$BIG"

if [ "${SKIP_H2:-0}" != 1 ]; then
    echo "== Keyfob, embedded H2, 1,000 tokens"
    store_file=$load_dir/h2-1000/keyfob.mv.db
    start_keyfob keyfob-h2 "$load_dir/h2-1000" ${H2_SETTINGS:+"jdbc:h2:file:$load_dir/h2-1000/keyfob;AUTO_SERVER=TRUE;WRITE_DELAY=0;$H2_SETTINGS"}
    measure keyfob-h2 "$KEYFOB_PORT" --users "$load_dir/h2-1000/users.csv" --store-url "$(h2_url "$load_dir/h2-1000")"
    stop_server
    heap_h2=$(peak_heap "$work/keyfob-h2.gc.log")
    store_file=
fi

if [ "${SKIP_PG:-0}" != 1 ]; then
    echo "== Keyfob, PostgreSQL, 1,000 tokens"
    start_keyfob keyfob-pg "$load_dir/pg-1000" "$(pg_url kf_load_1000)"
    measure keyfob-pg "$KEYFOB_PORT" --users "$load_dir/pg-1000/users.csv" --store-url "$(pg_url kf_load_1000)"
    stop_server
fi

if [ "$BIG" != 0 ]; then
    echo "== Keyfob, embedded H2, $BIG tokens"
    start_keyfob keyfob-h2-big "$load_dir/h2-$BIG"
    measure keyfob-h2-big "$KEYFOB_PORT" --users "$load_dir/h2-$BIG/users.csv" --store-url "$(h2_url "$load_dir/h2-$BIG")"
    stop_server
fi

if [ "${SKIP_FREERADIUS:-0}" != 1 ]; then
    echo "== FreeRADIUS $(freeradius -v 2>/dev/null | sed -n 's/.*Version \([0-9.]*\).*/\1/p' | head -1), PAP from a users file"
    raddb=$work/raddb
    cp -r /etc/freeradius/3.0 "$raddb"
    rm -f "$raddb"/sites-enabled/* "$raddb"/mods-enabled/*
    ln -s ../mods-available/files "$raddb/mods-enabled/files"
    ln -s ../mods-available/pap "$raddb/mods-enabled/pap"
    cp "$load_dir/h2-1000/freeradius-users" "$raddb/mods-config/files/authorize"
    cat > "$raddb/clients.conf" <<CONF
client bench {
    ipaddr = 127.0.0.1
    secret = $SECRET
    require_message_authenticator = yes
}
CONF
    # The in-memory ceiling: one virtual server that looks the user up in the users file and
    # checks the password with PAP, nothing else (no detail files, no accounting).
    cat > "$raddb/sites-enabled/bench" <<CONF
server bench {
    listen {
        type = auth
        ipaddr = 127.0.0.1
        port = $RADIUS_PORT
    }
    authorize {
        files
        pap
    }
    authenticate {
        Auth-Type PAP {
            pap
        }
    }
}
CONF
    sed -i -e "s|^raddbdir = .*|raddbdir = $raddb|" -e "s|^logdir = .*|logdir = $work|" \
        -e "s|^run_dir = .*|run_dir = $work|" -e 's|^\s*user = freerad|#&|' -e 's|^\s*group = freerad|#&|' \
        "$raddb/radiusd.conf"
    ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} freeradius -f -d "$raddb" -l stdout > "$work/freeradius.log" 2>&1 &
    started+=($!)
    server_pid=$!
    for _ in $(seq 100); do grep -q 'Ready to process' "$work/freeradius.log" && break; sleep 0.1; done
    if ! grep -q 'Ready to process' "$work/freeradius.log"; then
        echo "compare.sh: FreeRADIUS did not start; its log:" >&2; cat "$work/freeradius.log" >&2; exit 1
    fi
    measure freeradius "$RADIUS_PORT" --users "$load_dir/h2-1000/users.csv"
    stop_server
fi

echo
echo "== results ($(nproc) cores; the load generator runs on the same machine; noisy if other work runs)"
printf '%-16s %10s %8s %8s %8s %8s %9s %8s %8s %8s\n' target logins/s cpu_us timeouts p50_ms p99_ms half_rate p50_ms p99_ms p999_ms
declare -A rate
for r in "${results[@]}"; do
    IFS='|' read -r name sat half <<<"$r"
    rate[$name]=$(field accepted_per_s "$sat")
    printf '%-16s %10s %8s %8s %8s %8s %9s %8s %8s %8s\n' "$name" "${rate[$name]}" "$(field server_cpu_us_per_login "$sat")" \
        "$(field timeout "$sat")" "$(field p50_ms "$sat")" "$(field p99_ms "$sat")" \
        "$(field rate "$half")" "$(field p50_ms "$half")" "$(field p99_ms "$half")" "$(field p999_ms "$half")"
done
echo "Keyfob H2 peak heap: ${heap_h2:-?} MB (of -Xmx256m)"
for r in "${results[@]}"; do
    IFS='|' read -r name sat half <<<"$r"
    growth=$(field file_growth_mb "$sat")
    [ -z "$growth" ] || echo "$name: H2 file grew $growth MB during the saturation run ($(field accept "$sat") logins measured)"
done
ratio() { [ -n "${rate[$1]:-}" ] && [ -n "${rate[$2]:-}" ] && awk -v a="${rate[$1]}" -v b="${rate[$2]}" -v n="$3" 'BEGIN { if (b > 0) printf "%-44s %.2f\n", n, a / b }' || true; }
ratio keyfob-h2 freeradius "Keyfob H2 / FreeRADIUS PAP:"
ratio keyfob-pg freeradius "Keyfob PostgreSQL / FreeRADIUS PAP:"
ratio keyfob-h2-big keyfob-h2 "Keyfob H2 $BIG tokens / 1,000 tokens:"
