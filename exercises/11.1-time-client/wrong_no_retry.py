"""Exercise 11.1, the course's client: one request, then wait.

The request is lost and this client never asks again: after its timeout
it gives up (the course's waits for ever).
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server_addr = (host, port)
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(2)
client.sendto(b'%Y-%m-%d %X', server_addr)
try:
    data, addr = client.recvfrom(1024)
    client.sendto(b'got ' + data, server_addr)
except socket.timeout:
    print('no answer')
client.close()
