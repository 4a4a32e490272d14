"""Exercise 11.2: the course's UDP time server, empty datagram included.

Usage: python3 solution.py HOST PORT (socklab check 11.2 adds them)
"""
import socket
import sys
import time

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((host, port))
while True:
    data, client_addr = server.recvfrom(1024)
    fmt = data.decode('utf-8') or '%Y-%m-%d %X'  # b'' is a real request
    server.sendto(time.strftime(fmt).encode('utf-8'), client_addr)
