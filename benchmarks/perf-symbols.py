#!/usr/bin/env python3
"""perf-symbols.py — names the samples of a `perf record` of harmony as deployed (composite ReadyToRun).

perf names jitted frames from the runtime's perf map (DOTNET_PerfMapEnabled=1) but leaves frames in the precompiled
image (harmony.r2r.dll) as bare offsets; this script names those from the map crossgen2 writes with --mapcsv, so
that the code which runs as deployed (most of it precompiled; only the hot loops marked AggressiveOptimization are
jitted) can be profiled as it runs. Used by benchmarks/profile.sh.

usage: perf-symbols.py PERF_DATA R2R_MAP_CSV R2R_DLL [--threads PREFIX] [--top N] [--callers SUBSTRING]
  prints the samples per thread, then the top N functions by samples (self time) in threads whose name starts with
  PREFIX (default: all), then, with --callers, the functions that called the functions whose names contain SUBSTRING.
"""
import argparse
import bisect
import collections
import re
import struct
import subprocess


def text_section_delta(dll):
    """RVA minus file offset of the image's .text section: perf reports file offsets, the map gives RVAs."""
    with open(dll, 'rb') as f:
        data = f.read(4096)
    pe = struct.unpack_from('<I', data, 0x3C)[0]
    sections = struct.unpack_from('<H', data, pe + 6)[0]
    optional = struct.unpack_from('<H', data, pe + 20)[0]
    for i in range(sections):
        name, _, rva, _, raw = struct.unpack_from('<8sIIII', data, pe + 24 + optional + i * 40)
        if name.rstrip(b'\0') == b'.text':
            return rva - raw
    raise SystemExit(f'{dll}: no .text section')


def load_map(path):
    entries = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip('\n').split(',')
            if len(parts) < 6 or not parts[0].startswith('0x') or not parts[1].isdigit():
                continue
            length = int(parts[1])
            if length > 0:
                entries.append((int(parts[0], 16), length, ','.join(parts[4:-1])))
    entries.sort()
    return [e[0] for e in entries], entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('data')
    parser.add_argument('map')
    parser.add_argument('dll')
    parser.add_argument('--threads', default='')
    parser.add_argument('--top', type=int, default=40)
    parser.add_argument('--callers')
    args = parser.parse_args()

    delta = text_section_delta(args.dll)
    starts, entries = load_map(args.map)

    def name(ip, symbol, dso):
        if dso.endswith('.r2r.dll'):
            rva = ip + delta
            i = bisect.bisect_right(starts, rva) - 1
            if i >= 0 and rva < entries[i][0] + entries[i][1]:
                return entries[i][2]
            return 'r2r:' + hex(ip)
        # Jitted frames: drop the assembly and parameter lists, which make lines unreadable.
        symbol = re.sub(r'\[[A-Za-z0-9_.]+\] ', '', symbol)
        return re.sub(r'\(.*\)', '()', symbol) if symbol != '[unknown]' else f'{dso.rsplit("/", 1)[-1]}:{hex(ip)}'

    script = subprocess.run(['perf', 'script', '-i', args.data, '-F', 'comm,ip,sym,dso'],
                            capture_output=True, text=True, check=True).stdout
    threads = collections.Counter()
    self_time = collections.Counter()
    callers = collections.Counter()
    total = 0
    for block in script.split('\n\n'):
        lines = block.strip().splitlines()
        if not lines:
            continue
        comm = lines[0].strip()
        frames = []
        for line in lines[1:]:
            m = re.match(r'\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$', line)
            if m:
                frames.append(name(int(m.group(1), 16), m.group(2), m.group(3)))
        if not frames:
            continue
        threads[comm] += 1
        if not comm.startswith(args.threads):
            continue
        total += 1
        self_time[frames[0]] += 1
        if args.callers and args.callers in frames[0]:
            callers[next((f for f in frames[1:] if args.callers not in f), '(none)')] += 1

    print('samples per thread:')
    for comm, n in threads.most_common():
        print(f'  {n:7d}  {comm}')
    print(f'\ntop functions (self) in threads "{args.threads or "*"}", {total} samples:')
    for symbol, n in self_time.most_common(args.top):
        print(f'  {n:7d} {100 * n / max(total, 1):5.1f}%  {symbol[:160]}')
    if args.callers:
        print(f'\ncallers of "{args.callers}":')
        for symbol, n in callers.most_common(args.top):
            print(f'  {n:7d}  {symbol[:160]}')


if __name__ == '__main__':
    main()
