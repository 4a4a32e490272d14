"""Exercise 1.1: four messages a late reader gets as four.

Usage: python3 solution.py HOST PORT (socklab check 1.1 adds them)
"""
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
for msg in [b'hello', b'world', b'musibii', b'1']:
    # The length first, as 4 bytes: the reader knows where msg ends.
    client.sendall(struct.pack('i', len(msg)) + msg)
client.close()
