#!/usr/bin/env bash
# tests/cluster/slurm-local.sh up|down — a one-node Slurm cluster on this machine, for the cluster tests only.
#
#   up    starts munged, slurmctld and slurmd (Debian's munge and slurm-wlm) on loopback, waits until the node takes
#         jobs, and prints the line "SLURM_CONF=<path>" for clients (sbatch, squeue). Stops what an earlier `up` left.
#   down  stops the daemons this script started (by the pid files it wrote) and removes its folder.
#
# Needs root (slurmd starts jobs as their user) and no systemd. Everything lives under $HARMONY_SLURM_DIR (default
# /tmp/harmony-slurm): configuration, munge key and socket, spool, logs; /etc/slurm and /etc/munge are not touched.
# Ports $HARMONY_SLURM_PORT and the one after it (default 16817, 16818) on 127.0.0.1, so that a real cluster's 6817/6818
# stay free and two test runs on one machine can each have their own.
set -euo pipefail
dir=${HARMONY_SLURM_DIR:-/tmp/harmony-slurm}
conf=$dir/slurm.conf
port=${HARMONY_SLURM_PORT:-16817}
socket=$dir/munge/munge.socket

stop() {
  for name in slurmd slurmctld munged; do
    local pidfile=$dir/$name.pid
    [ -s "$pidfile" ] || continue
    local pid; pid=$(tr -dc '0-9' < "$pidfile")
    # Only a process still running the program this script started: a pid may have been reused since.
    if [ -n "$pid" ] && grep -qa "$name" "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

fail() { # fail MESSAGE: says why, with the daemons' last log lines, and stops
  echo "slurm-local: $1" >&2
  for log in "$dir"/*.log "$dir"/munge/munged.log; do
    [ -s "$log" ] && { echo "--- $log" >&2; tail -5 "$log" >&2; }
  done
  stop
  exit 1
}

case ${1:-} in
  down)
    stop
    rm -rf "$dir"
    exit 0
    ;;
  up) ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || { echo "slurm-local: needs root (slurmd runs jobs as their user)" >&2; exit 1; }
for tool in munged mungekey slurmctld slurmd sbatch sinfo scontrol; do
  command -v "$tool" >/dev/null || { echo "slurm-local: $tool is not installed (Debian: munge, slurm-wlm)" >&2; exit 1; }
done
stop
rm -rf "$dir"
mkdir -p "$dir"/{state,spool,munge}
chmod 755 "$dir"

# munge: a fresh key, readable by the munge user only; munged refuses keys and sockets others could tamper with.
mungekey --create --keyfile="$dir/munge/munge.key" --bits=1024
chown -R munge:munge "$dir/munge"
chmod 700 "$dir/munge"
chmod 400 "$dir/munge/munge.key"
runuser -u munge -- munged --force --key-file="$dir/munge/munge.key" --socket="$socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
  || fail "munged did not start"
for _ in $(seq 50); do [ -S "$socket" ] && [ -s "$dir/munge/munged.pid" ] && break; sleep 0.1; done
cp "$dir/munge/munged.pid" "$dir/munged.pid"
# The socket's folder is the munge user's own; slurm's daemons and clients (root) reach it all the same.
chmod 711 "$dir/munge"

cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) / 2 ))
cat > "$conf" <<EOF
# Written by tests/cluster/slurm-local.sh: one node on loopback, for tests.
ClusterName=harmonytest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmdTimeout=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
export SLURM_CONF=$conf

slurmctld -f "$conf" || fail "slurmctld did not start"
slurmd -f "$conf" || fail "slurmd did not start"
state=
for _ in $(seq 150); do
  state=$(sinfo -h -n localhost -o %T 2>/dev/null | head -1 || true)
  case $state in
    idle*|mixed*|allocated*) echo "SLURM_CONF=$conf"; exit 0 ;;
    down*|drain*) scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.2
done
fail "the node did not come up within 30 s (last state: '${state:-none}')"
