"""Exercise 15.3: an HMAC-SHA256 server that lets in only who knows the key.

Usage: python3 solution.py HOST PORT (socklab check 15.3 adds them)
"""
import hmac
import os
import socket
import sys

SECRET_KEY = b'peace and love'


def recv_exactly(conn, size):
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def conn_auth(conn):
    challenge = os.urandom(32)  # a new one for every client
    conn.sendall(challenge)
    digest = hmac.new(SECRET_KEY, challenge, 'sha256').digest()
    response = recv_exactly(conn, len(digest))
    return response is not None and hmac.compare_digest(response, digest)


host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    if conn_auth(conn):
        while True:
            try:
                data = conn.recv(1024)
            except ConnectionError:
                break
            if not data:
                break
            conn.sendall(data.upper())
    conn.close()
