"""Exercise 3.1: a UDP echo server that gets every datagram whole.

Usage: python3 solution.py HOST PORT (socklab check 3.1 adds them)
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((host, port))
while True:
    # 65507 bytes: the largest datagram IPv4 UDP carries.
    data, client_addr = server.recvfrom(65507)
    server.sendto(data, client_addr)
