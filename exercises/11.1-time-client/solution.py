"""Exercise 11.1: the UDP time client, which asks again when an answer is lost.

Usage: python3 solution.py HOST PORT (socklab check 11.1 adds them)
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server_addr = (host, port)
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(0.5)
for attempt in range(5):
    client.sendto(b'%Y-%m-%d %X', server_addr)
    try:
        data, addr = client.recvfrom(1024)
    except socket.timeout:  # lost, or never answered: ask again
        continue
    print(data.decode('utf-8'))
    client.sendto(b'got ' + data, server_addr)
    break
client.close()
