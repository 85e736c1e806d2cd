#!/usr/bin/env bash
# Installs, starts and stops the emulators that stand in for AWS on a machine without Docker:
# DynamoDB Local (AWS's own, a Java program) and fauxqs (Node; SNS and SQS on one port).
# Every machine and CI run starts bare, so `start` installs whatever is missing first.
#
# Usage:
#   scripts/emulators.sh install                      download into the cache (idempotent)
#   scripts/emulators.sh start [dynamodb|sns|all]     start in the background (default all)
#   scripts/emulators.sh stop [dynamodb|sns|all]      stop what this run started (default all)
#   scripts/emulators.sh status                       show what runs; exit 3 if something does not
#
# After start, `. "$PAXSCREEN_RUN_DIR/env"` points the AWS SDK at the emulators.
#
# A run is the process that runs this script (a script such as scripts/test.sh, a terminal's
# shell, a test). Two runs may share a run directory and its emulators: stop ends an emulator
# only when no other run that still runs uses it, and a run that never started or used one
# ends nothing. Installs into a shared cache wait for each other (flock) and appear whole.
#
# Environment:
#   PAXSCREEN_CACHE          install location (default $HOME/.cache/paxscreen)
#   PAXSCREEN_RUN_DIR        PID files, logs and the env file (default $PWD/.local/run)
#   DYNAMODB_PORT            preferred DynamoDB Local port (default 8000; another if taken)
#   FAUXQS_PORT              preferred fauxqs port (default 4566; another if taken)
#   FAUXQS_LOGGER            true to log every fauxqs request (default false)
#   EMULATOR_START_TIMEOUT   seconds each emulator gets to answer (default 60)
#   EMULATOR_INSTALL_WAIT    seconds to wait for another run's install (default 900)
#   PAXSCREEN_NO_CURL        non-empty to probe with bash's /dev/tcp even when curl exists
set -euo pipefail

readonly DYNAMODB_PACKAGE=amplify-dynamodb-simulator@2.9.30
readonly FAUXQS_PACKAGE=fauxqs@1.9.2
readonly REGION=eu-west-1

CACHE=${PAXSCREEN_CACHE:-$HOME/.cache/paxscreen}
RUN_DIR=${PAXSCREEN_RUN_DIR:-$PWD/.local/run}
START_TIMEOUT=${EMULATOR_START_TIMEOUT:-60}
INSTALL_WAIT=${EMULATOR_INSTALL_WAIT:-900}
DYNAMODB_DIR=$CACHE/dynamodb-local
FAUXQS_DIR=$CACHE/fauxqs
SERVICES=(dynamodb fauxqs)
LOCAL_ONLY=$(cd "$(dirname "$0")" && pwd)/dynamodb/LocalOnly.java

# DynamoDB Local rejects unsigned requests but never checks signatures; the credential scope
# still matters because it keeps a separate set of tables per access key and region.
readonly FAKE_AUTH="AWS4-HMAC-SHA256 Credential=local/20250101/$REGION/dynamodb/aws4_request, SignedHeaders=host, Signature=0"

# The fauxqs CLI hard-codes request logging on and so ignores FAUXQS_LOGGER; starting it through
# its library entry point honours the FAUXQS_* variables. The line it prints is what the log
# shows when logging is off.
# shellcheck disable=SC2016 # JavaScript, expanded by node
# fauxqs also hard-codes listening on 0.0.0.0; every server it opens is held to 127.0.0.1, so the
# emulator is never reachable from another machine.
readonly FAUXQS_MAIN='
import net from "node:net";
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
	if (args[0] && typeof args[0] === "object") args[0] = { ...args[0], host: "127.0.0.1" };
	else if (typeof args[0] === "number") args = [args[0], "127.0.0.1", ...args.slice(typeof args[1] === "string" ? 2 : 1)];
	return listen.apply(this, args);
};
const { startFauxqs } = await import("fauxqs");
const server = await startFauxqs();
console.log(`fauxqs listening on 127.0.0.1 port ${server.port}`);
'

# log never fails: when stderr is a pipe whose reader is gone (`make run 2>&1 | tee log` and
# Ctrl-C kill tee first), stopping the emulators must still finish.
log() { printf 'emulators: %s\n' "$*" >&2 2>/dev/null || true; }
die() {
	printf 'emulators: error: %s\n' "$*" >&2
	exit 1
}

# usage CODE: prints the header comment; CODE 0 to stdout (asked for), else to stderr.
usage() {
	local out=1
	(($1 == 0)) || out=2
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&"$out"
	exit "$1"
}

# Temporary directories live inside the cache so the final rename is atomic: an interrupted
# install never leaves a half-unpacked emulator that a later run would mistake for a good one.
TMP_DIRS=()
cleanup_tmp() {
	local d
	for d in "${TMP_DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup_tmp EXIT

# now_ms: milliseconds since the epoch; stripping the separator copes with locales that print a
# decimal comma.
now_ms() { echo $((${EPOCHREALTIME//[!0-9]/} / 1000)); }

# --- prerequisites ---------------------------------------------------------------------------

need_cmd() {
	command -v "$1" >/dev/null 2>&1 || die "$1 is missing; $2"
}

need_java() {
	if command -v java >/dev/null 2>&1; then return; fi
	if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		log "java is missing; installing openjdk-17-jre-headless with apt-get"
		export DEBIAN_FRONTEND=noninteractive
		if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; } >&2; then
			die "apt-get install openjdk-17-jre-headless failed (see above)"
		fi
		command -v java >/dev/null 2>&1 && return
	fi
	die "java is missing: DynamoDB Local needs a Java runtime (17 is tested); on Debian run: apt-get install -y openjdk-17-jre-headless"
}

need_node() {
	need_cmd node "fauxqs needs Node.js 20 or later; on Debian run: apt-get install -y nodejs npm (Debian 12 ships Node 18: take 20+ from NodeSource or nodejs.org)"
	local major
	major=$(node -p 'process.versions.node.split(".")[0]')
	((major >= 20)) || die "node $(node --version) is too old: fauxqs needs Node.js 20 or later (from NodeSource or nodejs.org)"
}

# --- install ---------------------------------------------------------------------------------

# installed DIR STAMP: whether DIR holds a finished install of STAMP (package@version).
installed() { [[ -f $1/.installed && $(<"$1/.installed") == "$2" ]]; }

dynamodb_installed() { installed "$DYNAMODB_DIR" "$DYNAMODB_PACKAGE" && [[ -f $DYNAMODB_DIR/DynamoDBLocal.jar ]]; }
fauxqs_installed() { installed "$FAUXQS_DIR" "$FAUXQS_PACKAGE" && [[ -f $FAUXQS_DIR/node_modules/fauxqs/package.json ]]; }

# cache_lock: serialises installs into the cache, and the compile of LocalOnly, between runs
# sharing it (two stacks started at once, parallel jobs): the second waits, then finds the
# first's install. Without flock two runs may both download; place still keeps each install
# whole. fd 8 is closed in every emulator launch starts, so that none holds the lock.
cache_lock() {
	mkdir -p "$CACHE"
	exec 8>"$CACHE/.lock"
	if command -v flock >/dev/null 2>&1 && ! flock -n 8; then
		log "waiting for another run's install into $CACHE"
		flock -w "$INSTALL_WAIT" 8 || die "another run has held $CACHE/.lock for ${INSTALL_WAIT}s (EMULATOR_INSTALL_WAIT)"
	fi
}
cache_unlock() { exec 8>&-; }

# place TMP DIR [DONE]: makes the fully unpacked TMP the install DIR with one rename (mv -T
# renames onto DIR itself, never into it). An older install is first renamed aside, since an
# emulator running from it keeps its open files, then removed. When DIR is already a finished
# install (the command DONE says: another run placed it first, which only happens without
# flock), it stands and TMP is dropped.
place() {
	local aside
	if [[ -n ${3:-} ]] && "$3"; then
		rm -rf "$1"
		return
	fi
	if [[ -e $2 ]]; then
		aside=$(mktemp -u "$CACHE/.old.XXXXXX")
		mv -T "$2" "$aside" 2>/dev/null && rm -rf "$aside"
	fi
	mv -T "$1" "$2" 2>/dev/null || [[ -e $2 ]] || die "could not move $1 to $2"
	rm -rf "$1"
}

# install_all: installs what is missing, under the cache lock; each install checks again once
# it holds the lock, as the run it waited for may have done it.
install_all() {
	dynamodb_installed && fauxqs_installed && return
	cache_lock
	install_dynamodb
	install_fauxqs
	cache_unlock
}

install_dynamodb() {
	dynamodb_installed && return
	need_cmd npm "it downloads DynamoDB Local; on Debian run: apt-get install -y npm"
	need_cmd tar "on Debian run: apt-get install -y tar"
	log "installing DynamoDB Local from $DYNAMODB_PACKAGE into $DYNAMODB_DIR"
	local tmp
	tmp=$(mktemp -d "$CACHE/.dynamodb-local.XXXXXX")
	TMP_DIRS+=("$tmp")
	# The package is only a carrier for AWS's DynamoDBLocal.jar: pack, never install, so none of
	# its Node dependencies or install scripts come along.
	(cd "$tmp" && npm pack --silent "$DYNAMODB_PACKAGE" >/dev/null) || die "npm pack $DYNAMODB_PACKAGE failed"
	tar -xzf "$tmp"/amplify-dynamodb-simulator-*.tgz -C "$tmp" package/emulator
	[[ -f $tmp/package/emulator/DynamoDBLocal.jar ]] || die "$DYNAMODB_PACKAGE has no emulator/DynamoDBLocal.jar"
	echo "$DYNAMODB_PACKAGE" >"$tmp/package/emulator/.installed"
	place "$tmp/package/emulator" "$DYNAMODB_DIR" dynamodb_installed
}

install_fauxqs() {
	fauxqs_installed && return
	need_cmd npm "it installs fauxqs; on Debian run: apt-get install -y npm"
	log "installing $FAUXQS_PACKAGE into $FAUXQS_DIR"
	local tmp
	tmp=$(mktemp -d "$CACHE/.fauxqs.XXXXXX")
	chmod 755 "$tmp"
	TMP_DIRS+=("$tmp")
	# --loglevel=error hides an EBADENGINE warning: a transitive dependency (cookie) asks for
	# Node 22, but fauxqs itself supports 20 and runs fine on it.
	npm install --prefix "$tmp" --no-audit --no-fund --ignore-scripts --loglevel=error "$FAUXQS_PACKAGE" >&2 ||
		die "npm install $FAUXQS_PACKAGE failed"
	[[ -f $tmp/node_modules/fauxqs/dist/app.js ]] || die "$FAUXQS_PACKAGE has no dist/app.js (the entry point this script starts)"
	echo "$FAUXQS_PACKAGE" >"$tmp/.installed"
	place "$tmp" "$FAUXQS_DIR" fauxqs_installed
}

cmd_install() {
	need_java
	need_node
	install_all
	log "installed: $(java -jar "$DYNAMODB_DIR/DynamoDBLocal.jar" -version 2>/dev/null | tail -n1 | sed 's/^/DynamoDB Local /') and $FAUXQS_PACKAGE in $CACHE"
}

# --- processes -------------------------------------------------------------------------------

pid_file() { echo "$RUN_DIR/$1.pid"; }
ident_file() { echo "$RUN_DIR/$1.ident"; }
users_file() { echo "$RUN_DIR/$1.users"; }
port_file() { echo "$RUN_DIR/$1.port"; }
log_file() { echo "$RUN_DIR/$1.log"; }

# proc_field PID N: field N (3 state, 5 process group) of /proc/PID/stat, empty when PID does
# not exist. Fields count after the command name, which may itself hold spaces.
proc_field() {
	local stat fields
	{ read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
	read -ra fields <<<"${stat##*) }"
	echo "${fields[$2 - 3]}"
}

# alive PID: a zombie counts as gone; it has stopped serving and only awaits its parent's wait.
alive() {
	if [[ -d /proc/self ]]; then
		local s
		s=$(proc_field "$1" 3)
		[[ -n $s && $s != Z ]]
	else
		kill -0 "$1" 2>/dev/null
	fi
}

# group_alive PGID: whether any live process is left in the process group.
group_alive() {
	[[ -d /proc/self ]] || {
		kill -0 -- "-$1" 2>/dev/null
		return
	}
	local f stat state pgrp
	for f in /proc/[0-9]*/stat; do
		{ read -r stat <"$f"; } 2>/dev/null || continue
		read -r state _ pgrp _ <<<"${stat##*) }"
		[[ $pgrp == "$1" && $state != Z ]] && return 0
	done
	return 1
}

# ident PID: PID and its start time (field 22 of /proc/PID/stat, in clock ticks since boot),
# which together name one process for good: a recycled PID has another start time.
ident() {
	local since
	since=$(proc_field "$1" 22)
	echo "$1:${since:-0}"
}

# live IDENT: whether the process IDENT names still runs.
live() { alive "${1%%:*}" && [[ $(ident "${1%%:*}") == "$1" ]]; }

# CALLER is this run: the process that ran this script.
CALLER=$(ident "$PPID")

# owned SERVICE PID: PID is alive and is the emulator we started, not a process that inherited a
# recycled PID after ours died (its start time, recorded at launch, says; the command line is
# checked too for run directories older than that record).
owned() {
	alive "$2" || return 1
	local f
	f=$(ident_file "$1")
	if [[ -f $f ]]; then [[ $(<"$f") == "$(ident "$2")" ]] || return 1; fi
	[[ -r /proc/$2/cmdline ]] || return 0
	local cmd
	cmd=$(tr '\0' ' ' <"/proc/$2/cmdline")
	case $1 in
	dynamodb) [[ $cmd == *DynamoDBLocal.jar* ]] ;;
	fauxqs) [[ $cmd == *startFauxqs* ]] ;;
	esac
}

# running_pid SERVICE: prints the PID of the running emulator; clears stale files otherwise.
running_pid() {
	local f pid
	f=$(pid_file "$1")
	[[ -f $f ]] || return 1
	pid=$(<"$f")
	if [[ $pid =~ ^[0-9]+$ ]] && owned "$1" "$pid"; then
		echo "$pid"
		return 0
	fi
	rm -f "$f" "$(port_file "$1")" "$(ident_file "$1")" "$(users_file "$1")"
	return 1
}

# other_users SERVICE: the runs other than this one recorded as using SERVICE that still run,
# one a line.
other_users() {
	local f u
	f=$(users_file "$1")
	[[ -f $f ]] || return 0
	while read -r u; do
		if [[ -n $u && $u != "$CALLER" ]] && live "$u"; then echo "$u"; fi
	done <"$f"
	return 0
}

# describe IDENT...: the runs IDENT names, as "pid 123 (bash), pid 456 (go)".
describe() {
	local u out=() comm
	for u in "$@"; do
		comm=$(cat "/proc/${u%%:*}/comm" 2>/dev/null || true)
		out+=("pid ${u%%:*}${comm:+ ($comm)}")
	done
	local IFS=,
	echo "${out[*]}" | sed 's/,/, /g'
}

# use_service SERVICE: records this run as one that uses SERVICE.
use_service() {
	local f others
	f=$(users_file "$1")
	others=$(other_users "$1")
	printf '%s\n' ${others:+"$others"} "$CALLER" >"$f.tmp.$$"
	mv "$f.tmp.$$" "$f"
}

# uses SERVICE: whether this run is recorded as using SERVICE.
uses() { [[ -f $(users_file "$1") ]] && grep -qxF "$CALLER" "$(users_file "$1")"; }

# terminate PID: SIGTERM to the process group PID leads (setsid made it a leader), SIGKILL for
# whatever is left after 10 s; returns once nothing of it runs.
terminate() {
	local pid=$1 target=$1 deadline
	if [[ ! -d /proc/self || $(proc_field "$pid" 5) == "$pid" ]]; then target=-$pid; fi
	kill -TERM -- "$target" 2>/dev/null || true
	deadline=$((SECONDS + 10))
	while { group_alive "$pid" || alive "$pid"; } && ((SECONDS < deadline)); do sleep 0.1; done
	if group_alive "$pid" || alive "$pid"; then
		log "pid $pid ignored SIGTERM for 10 s; sending SIGKILL"
		kill -KILL -- "$target" 2>/dev/null || true
		deadline=$((SECONDS + 5))
		while { group_alive "$pid" || alive "$pid"; } && ((SECONDS < deadline)); do sleep 0.1; done
		if group_alive "$pid" || alive "$pid"; then die "pid $pid survived SIGKILL"; fi
	fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port PREFERRED: PREFERRED when nothing listens on it, else a random free high port.
free_port() {
	local port=$1 tries=0
	while port_in_use "$port"; do
		((++tries <= 100)) || die "found no free port"
		port=$((20000 + RANDOM % 30000))
	done
	echo "$port"
}

# http_status METHOD PORT PATH [CONTENT_TYPE TARGET BODY]: prints the HTTP status code of a
# request to 127.0.0.1:PORT, or 000 when nothing answers.
http_status() {
	local method=$1 port=$2 path=$3 ctype=${4:-} target=${5:-} body=${6:-}
	if [[ -z ${PAXSCREEN_NO_CURL:-} ]] && command -v curl >/dev/null 2>&1; then
		local args=(-s -o /dev/null -w '%{http_code}' --max-time 5 -X "$method" -H "Authorization: $FAKE_AUTH")
		[[ -n $ctype ]] && args+=(-H "Content-Type: $ctype")
		[[ -n $target ]] && args+=(-H "X-Amz-Target: $target")
		[[ $method == POST ]] && args+=(--data-binary "$body")
		curl "${args[@]}" "http://127.0.0.1:$port$path" || true
		return
	fi
	(
		exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
		{
			printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\nAuthorization: %s\r\n' \
				"$method" "$path" "$port" "$FAKE_AUTH"
			[[ -n $ctype ]] && printf 'Content-Type: %s\r\n' "$ctype"
			[[ -n $target ]] && printf 'X-Amz-Target: %s\r\n' "$target"
			LC_ALL=C printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body"
		} >&3
		local proto code
		read -r -t 5 proto code _ <&3 || exit 1
		[[ $proto == HTTP/* ]] || exit 1
		echo "$code"
	) 2>/dev/null || echo 000
}

dynamodb_ready() {
	[[ $(http_status POST "$1" / application/x-amz-json-1.0 DynamoDB_20120810.ListTables '{}') == 200 ]]
}

# fauxqs answers /health before anything else; asking both APIs proves SNS (query protocol) and
# SQS (JSON protocol) are routed, which is what the project uses it for.
fauxqs_ready() {
	[[ $(http_status GET "$1" /health) == 200 ]] &&
		[[ $(http_status POST "$1" / application/x-www-form-urlencoded '' 'Action=ListTopics&Version=2010-03-31') == 200 ]] &&
		[[ $(http_status POST "$1" / application/x-amz-json-1.0 AmazonSQS.ListQueues '{}') == 200 ]]
}

# launch SERVICE PORT: starts the emulator detached in its own session and process group (so
# stop can end all of it) and prints its PID. Closing fds 8 and 9 keeps the install and start
# locks from living on in the emulator.
launch() {
	local logf
	logf=$(log_file "$1")
	case $1 in
	dynamodb)
		# DynamoDB Local has no option for its address and binds every interface; LocalOnly.java
		# starts it on 127.0.0.1, compiled once into the cache when javac exists, else run in
		# Java's source-file mode (the jdk.compiler module), which compiles at every start.
		local main=(-jar "$DYNAMODB_DIR/DynamoDBLocal.jar") classes=$DYNAMODB_DIR/local-only tmp
		if [[ ! $classes/LocalOnly.class -nt $LOCAL_ONLY ]] && command -v javac >/dev/null 2>&1; then
			# In the cache, so compiled whole and placed under its lock: another stack may be
			# starting from the same classes.
			cache_lock
			if [[ ! $classes/LocalOnly.class -nt $LOCAL_ONLY ]]; then
				tmp=$(mktemp -d "$CACHE/.local-only.XXXXXX")
				if javac -d "$tmp" -cp "$DYNAMODB_DIR/DynamoDBLocal.jar" "$LOCAL_ONLY" >&2; then
					place "$tmp" "$classes"
				else
					rm -rf "$tmp"
				fi
			fi
			cache_unlock
		fi
		if [[ $classes/LocalOnly.class -nt $LOCAL_ONLY ]]; then
			main=(-cp "$DYNAMODB_DIR/DynamoDBLocal.jar:$classes" LocalOnly)
		elif java --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
			main=(-cp "$DYNAMODB_DIR/DynamoDBLocal.jar" "$LOCAL_ONLY")
		else
			log "java cannot compile scripts/dynamodb/LocalOnly.java: DynamoDB Local listens on every interface (apt-get install openjdk-17-jdk-headless holds it to 127.0.0.1)"
		fi
		setsid java "-Djava.library.path=$DYNAMODB_DIR/DynamoDBLocal_lib" "${main[@]}" \
			-inMemory -port "$2" -disableTelemetry </dev/null >"$logf" 2>&1 8>&- 9>&- &
		;;
	fauxqs)
		(
			cd "$FAUXQS_DIR"
			FAUXQS_PORT=$2 FAUXQS_DEFAULT_REGION=$REGION FAUXQS_LOGGER=${FAUXQS_LOGGER:-false} \
				exec setsid node --input-type=module -e "$FAUXQS_MAIN"
		) </dev/null >"$logf" 2>&1 8>&- 9>&- &
		;;
	esac
	echo $!
}

STARTED=()

# fail_start SERVICE PID MESSAGE: stops what this run started, shows the log and exits, so a
# failed start leaves nothing running behind.
fail_start() {
	local logf s
	logf=$(log_file "$1")
	terminate "$2"
	rm -f "$(pid_file "$1")" "$(port_file "$1")" "$(ident_file "$1")"
	for s in "${STARTED[@]}"; do stop_service "$s"; done
	{
		echo "emulators: error: $1 $3; last lines of $logf:"
		tail -n 40 "$logf" | sed 's/^/    /'
	} >&2
	exit 1
}

start_service() {
	local name=$1 pid port preferred attempt t0 rc logf
	if pid=$(running_pid "$name"); then
		log "$name already runs (pid $pid, port $(<"$(port_file "$name")"))"
		return
	fi
	case $name in
	dynamodb) preferred=${DYNAMODB_PORT:-8000} ;;
	fauxqs) preferred=${FAUXQS_PORT:-4566} ;;
	esac
	logf=$(log_file "$name")
	# Another program may take the probed port before the emulator binds it; try a fresh one.
	for attempt in 1 2 3; do
		port=$(free_port "$preferred")
		[[ $port == "$preferred" ]] || log "port $preferred is taken; $name uses $port"
		t0=$(now_ms)
		rm -f "$(users_file "$name")"
		pid=$(launch "$name" "$port")
		echo "$pid" >"$(pid_file "$name")"
		ident "$pid" >"$(ident_file "$name")"
		echo "$port" >"$(port_file "$name")"
		rc=0
		wait_ready "$name" "$pid" "$port" || rc=$?
		case $rc in
		0)
			STARTED+=("$name")
			log "$name ready on port $port after $(($(now_ms) - t0)) ms (pid $pid, log $logf)"
			return
			;;
		1) fail_start "$name" "$pid" "did not answer on port $port within ${START_TIMEOUT}s" ;;
		2) fail_start "$name" "$pid" "exited during startup" ;;
		esac
		((attempt < 3)) || fail_start "$name" "$pid" "could not bind a port in $attempt attempts"
		log "$name lost port $port to another program; retrying on another"
		terminate "$pid"
		rm -f "$(pid_file "$name")" "$(port_file "$name")" "$(ident_file "$name")"
		preferred=$((20000 + RANDOM % 30000))
	done
}

# listens PID PORT: whether PID itself holds the listening socket on PORT, so that an answer from
# a program that took the port in the meantime is not mistaken for the emulator's.
listens() {
	[[ -r /proc/net/tcp ]] || return 0
	local inode
	while read -r inode; do
		[[ -n $(find "/proc/$1/fd" -lname "socket:\[$inode\]" -print -quit 2>/dev/null) ]] && return 0
	done < <(awk -v p="$(printf ':%04X' "$2")" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10 }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null)
	return 1
}

# wait_ready SERVICE PID PORT: 0 once it answers, 1 on timeout, 2 when the process died, 3 when
# it could not bind PORT. DynamoDB Local does not exit when its port is taken (its main thread
# dies, Jetty's threads live on), so the log tells, not the process.
wait_ready() {
	local deadline=$((SECONDS + START_TIMEOUT)) logf
	logf=$(log_file "$1")
	while :; do
		"${1}_ready" "$3" && listens "$2" "$3" && return 0
		grep -qiE 'address already in use|EADDRINUSE' "$logf" && return 3
		alive "$2" || return 2
		((SECONDS < deadline)) || return 1
		sleep 0.1
	done
}

# stop_service SERVICE: ends SERVICE unless another run that still runs uses it; this run is
# no longer recorded as using it either way.
stop_service() {
	local name=$1 pid others
	if pid=$(running_pid "$name"); then
		others=$(other_users "$name")
		if [[ -n $others ]]; then
			if uses "$name"; then
				log "$name left running (pid $pid) for the other runs that use it: $(describe $others)"
			else
				log "$name not stopped (pid $pid): this run neither started nor used it, and these runs still use it: $(describe $others); stop it from one of them, or end them first"
			fi
			printf '%s\n' "$others" >"$(users_file "$name")"
			return
		fi
		terminate "$pid"
		log "stopped $name (pid $pid)"
	fi
	rm -f "$(pid_file "$name")" "$(port_file "$name")" "$(ident_file "$name")" "$(users_file "$name")"
}

# write_env: the env file describes whatever runs now, so starting one emulator after the other
# or stopping one keeps it true; it disappears when nothing runs.
write_env() {
	local envf=$RUN_DIR/env ddb='' fq=''
	running_pid dynamodb >/dev/null && ddb=$(<"$(port_file dynamodb)")
	running_pid fauxqs >/dev/null && fq=$(<"$(port_file fauxqs)")
	if [[ -z $ddb && -z $fq ]]; then
		rm -f "$envf"
		return
	fi
	{
		echo "# Written by scripts/emulators.sh: the local emulators for the AWS SDK. Source it."
		if [[ -n $ddb ]]; then
			echo "export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$ddb"
			echo "export AWS_ENDPOINT_URL_DYNAMODB_STREAMS=http://127.0.0.1:$ddb"
		fi
		if [[ -n $fq ]]; then
			echo "export AWS_ENDPOINT_URL_SNS=http://127.0.0.1:$fq"
			echo "export AWS_ENDPOINT_URL_SQS=http://127.0.0.1:$fq"
		fi
		echo "export AWS_REGION=$REGION"
		echo "export AWS_ACCESS_KEY_ID=local"
		echo "export AWS_SECRET_ACCESS_KEY=local"
	} >"$envf.tmp.$$"
	mv "$envf.tmp.$$" "$envf"
}

# services WHICH: the services a start or stop argument names.
services() {
	case ${1:-all} in
	all) echo "${SERVICES[@]}" ;;
	dynamodb | ddb) echo dynamodb ;;
	sns | sqs | fauxqs) echo fauxqs ;;
	*) die "unknown emulator '$1' (want dynamodb, sns or all)" ;;
	esac
}

# lock serialises start and stop between concurrent runs (parallel make targets, two shells)
# sharing one run directory.
lock() {
	mkdir -p "$RUN_DIR"
	exec 9>"$RUN_DIR/.lock"
	if command -v flock >/dev/null 2>&1; then flock 9; fi
}

cmd_start() {
	local which s
	which=$(services "${1:-all}")
	need_java
	need_node
	install_all
	lock
	for s in $which; do start_service "$s"; done
	# Recorded once all started: a failed start leaves no record of a run that gave up.
	for s in $which; do use_service "$s"; done
	write_env
	log "environment: . $RUN_DIR/env"
}

cmd_stop() {
	# A closed stdout or stderr must not stop the stopping half-way.
	trap '' PIPE
	local which s
	which=$(services "${1:-all}")
	[[ -d $RUN_DIR ]] || return 0
	lock
	for s in $which; do stop_service "$s"; done
	write_env
}

cmd_status() {
	local s pid rc=0
	for s in "${SERVICES[@]}"; do
		if pid=$(running_pid "$s"); then
			printf '%-9s running  pid %-7s http://127.0.0.1:%s  log %s\n' "$s" "$pid" "$(<"$(port_file "$s")")" "$(log_file "$s")"
		else
			printf '%-9s stopped\n' "$s"
			rc=3
		fi
	done
	if [[ -f $RUN_DIR/env ]]; then echo "env file: $RUN_DIR/env"; fi
	return "$rc"
}

main() {
	local cmd=${1:-}
	shift || true
	case $cmd in
	install) cmd_install ;;
	start) cmd_start "$@" ;;
	stop) cmd_stop "$@" ;;
	status) cmd_status ;;
	-h | --help | help) usage 0 ;;
	*) usage 2 ;;
	esac
}

main "$@"
