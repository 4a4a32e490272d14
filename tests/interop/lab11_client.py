"""Lab 11 (udp-datagrams), the course's time client: a time.strftime format
in one datagram (empty: the server's default), the reply printed. Then,
for the test, what Python's own time.strftime gives just before and just
after (local time, or UTC with --utc), so the reply can be compared
exactly even across a second's boundary.

Usage: python3 lab11_client.py PORT [FORMAT] [--utc]
"""
import socket
import sys
import time

args = [a for a in sys.argv[1:] if a != '--utc']
utc = '--utc' in sys.argv
msg = args[1] if len(args) > 1 else ''


def python_says():
    moment = time.gmtime() if utc else time.localtime()
    return time.strftime(msg or '%Y-%m-%d %X', moment)


client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(5)  # not in the course: a test must never hang
before = python_says()
client.sendto(msg.encode('utf-8'), ('127.0.0.1', int(args[0])))
data, server_addr = client.recvfrom(1024)
after = python_says()
print(repr(data.decode('utf-8')))
print(repr(before))
print(repr(after))
client.close()
