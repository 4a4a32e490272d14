"""Exercise 2.2: a server that reads all of a message it was told the length of.

Usage: python3 solution.py HOST PORT (socklab check 2.2 adds them)
"""
import socket
import struct
import sys


def recv_exactly(conn, size):
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    size = struct.unpack('i', recv_exactly(conn, 4))[0]
    body = recv_exactly(conn, size)
    conn.sendall(struct.pack('i', len(body)))
    conn.close()
