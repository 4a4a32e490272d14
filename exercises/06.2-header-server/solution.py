"""Exercise 6.2: a header-dictionary server that survives what TCP does.

Usage: python3 solution.py HOST PORT (socklab check 6.2 adds them)
"""
import json
import socket
import struct
import sys


def recv_exactly(conn, size):
    """size bytes, or None if the peer closed before all of them came."""
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
        prefix = recv_exactly(conn, 4)
        if prefix is None:
            break
        header_bytes = recv_exactly(conn, struct.unpack('i', prefix)[0])
        if header_bytes is None:
            break
        header = json.loads(header_bytes.decode('utf-8'))
        body = recv_exactly(conn, header['total_size'])
        if body is None:  # the client gave up mid-message
            break
        reply = json.dumps({'total_size': len(body)}).encode('utf-8')
        conn.sendall(struct.pack('i', len(reply)) + reply + body)
    conn.close()
