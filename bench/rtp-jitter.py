#!/usr/bin/env python3
"""Send-interval jitter of RTP streams in a pcap (tcpdump -w, Ethernet or Linux "cooked" or loopback link).

For every UDP stream (source, destination) whose packets carry RTP version 2, takes the interval between
consecutive packets of the same stream whose RTP timestamps are 160 apart (20 ms of G.711, so silent gaps
between prompts are not counted), and prints the p50, p99 and max of |interval - 20 ms| over all streams.
With --timeline, also prints one line per second of the capture: the streams sending, the intervals measured
and their p99 and max, to see when the tail happens (call set-up, steady state, the stores at the end).
Usage: rtp-jitter.py capture.pcap [--timeline]
"""
import struct
import sys


def packets(path):
    with open(path, 'rb') as f:
        header = f.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
        nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
        link = struct.unpack(endian + 'I', header[20:24])[0]
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            sec, frac, caplen, _ = struct.unpack(endian + 'IIII', record)
            data = f.read(caplen)
            t = sec + frac / (1e9 if nano else 1e6)
            if link == 1:      # Ethernet
                offset = 14
            elif link == 113:  # Linux cooked (any)
                offset = 16
            elif link == 276:  # Linux cooked v2
                offset = 20
            elif link == 0:    # BSD loopback
                offset = 4
            else:
                offset = 0
            yield t, data[offset:]


def main(path, timeline=False):
    last = {}
    deviations = []
    seconds = {}
    first = None
    for t, ip in packets(path):
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        udp = ip[ihl:]
        if len(udp) < 8 + 12:
            continue
        rtp = udp[8:]
        if rtp[0] >> 6 != 2:
            continue
        key = (ip[12:16], udp[0:2], ip[16:20], udp[2:4])
        timestamp = struct.unpack('>I', rtp[4:8])[0]
        previous = last.get(key)
        if previous is not None and (timestamp - previous[1]) & 0xffffffff == 160:
            deviation = abs((t - previous[0]) * 1000 - 20.0)
            deviations.append(deviation)
            if timeline:
                first = t if first is None else first
                seconds.setdefault(int(t - first), []).append(deviation)
        last[key] = (t, timestamp)
    if not deviations:
        print('no RTP intervals found')
        return 1
    deviations.sort()
    pick = lambda q: deviations[min(len(deviations) - 1, int(q * len(deviations)))]
    print('RTP send-interval jitter from the capture: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d intervals of %d streams'
          % (pick(0.50), pick(0.99), deviations[-1], len(deviations), len(last)))
    for second in sorted(seconds):
        values = sorted(seconds[second])
        print('  %4d s: %6d intervals, p99 %6.2f ms, max %6.2f ms'
              % (second, len(values), values[min(len(values) - 1, int(0.99 * len(values)))], values[-1]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], '--timeline' in sys.argv[2:]))
