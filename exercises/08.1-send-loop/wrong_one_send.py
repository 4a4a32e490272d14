"""Exercise 8.1, the mistake: one send(), its return value ignored.

With a timeout the socket is non-blocking underneath: send() takes what
fits in the buffer, and the rest is never sent.
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)
client.connect((host, port))
data = bytes(range(256)) * 65536
client.send(data)
client.close()
