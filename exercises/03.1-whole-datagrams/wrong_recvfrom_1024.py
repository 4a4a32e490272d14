"""Exercise 3.1, the course's buffer: recvfrom(1024).

A 2000-byte datagram comes out as its first 1024 bytes; the kernel
drops the rest, and nothing tells the server.
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((host, port))
while True:
    data, client_addr = server.recvfrom(1024)
    server.sendto(data, client_addr)
