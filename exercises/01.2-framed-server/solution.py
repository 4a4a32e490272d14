"""Exercise 1.2: a server that reads four framed messages back as four.

Usage: python3 solution.py HOST PORT (socklab check 1.2 adds them)
"""
import socket
import struct
import sys


def recv_exactly(conn, size):
    """recv until size bytes have come; None if the peer closed first."""
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    while True:
        header = recv_exactly(conn, 4)
        if header is None:  # b'': the client closed
            break
        length = struct.unpack('i', header)[0]
        msg = recv_exactly(conn, length)
        if msg is None:
            break
        conn.sendall(struct.pack('i', len(msg)) + msg)
    conn.close()
