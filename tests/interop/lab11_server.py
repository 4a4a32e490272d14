"""Lab 11 (udp-datagrams), the course's time server: a time.strftime format
in, the local time out in that format, to the address the request came
from.

Prints `listening on 127.0.0.1:PORT (udp)`, answers one request, exits.
"""
import socket
import time

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
print('listening on %s:%d (udp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang
data, client_addr = server.recvfrom(1024)
fmt = data.decode('utf-8') or '%Y-%m-%d %X'
reply = time.strftime(fmt).encode('utf-8')
server.sendto(reply, client_addr)
print('request:', data, 'reply:', reply)
server.close()
