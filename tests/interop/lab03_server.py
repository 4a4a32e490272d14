"""Lab 3 (udp-truncation), the course's server: buffers smaller than the
datagrams. On Linux the tails are dropped silently.

Prints `listening on 127.0.0.1:PORT (udp)`, receives three datagrams, exits.
"""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
print('listening on %s:%d (udp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang
for size in (8, 3, 1):
    data, client_addr = server.recvfrom(size)
    print('recvfrom(%d):' % size, data)
server.close()
