"""Exercise 8.1: deliver every byte with send() alone.

Usage: python3 solution.py HOST PORT (socklab check 8.1 adds them)
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)
client.connect((host, port))
data = bytes(range(256)) * 65536
view = memoryview(data)
sent = 0
while sent < len(data):
    # send() takes what fits in the send buffer and says how much.
    sent += client.send(view[sent:])
client.close()
