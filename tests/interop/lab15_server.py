"""Lab 15 (hmac-auth), the course's HMAC server: sends 32 random bytes,
reads the 32-byte answer, compares it with its own HMAC in constant time,
replies b'welcome' or b'rejected'.

Usage: python3 lab15_server.py [KEY]   (KEY: to make it expect another one)
Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import hashlib
import hmac
import os
import socket
import sys

secret_key = b'peace and love'
if len(sys.argv) > 1:
    secret_key = sys.argv[1].encode('utf-8')


def recv_exactly(conn, n):
    """The course's conn.recv(len(digest)), as a loop (lab 2)."""
    data = b''
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError('EOF after %d of %d bytes' % (len(data), n))
        data += chunk
    return data


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

conn, client_addr = server.accept()
conn.settimeout(5)
challenge = os.urandom(32)
conn.sendall(challenge)
expected = hmac.new(secret_key, challenge, hashlib.sha256).digest()
answer = recv_exactly(conn, len(expected))
accepted = hmac.compare_digest(answer, expected)
conn.sendall(b'welcome' if accepted else b'rejected')
conn.close()
server.close()
print('challenge:', challenge.hex())
print('answer:', answer.hex(), 'accepted' if accepted else 'rejected')
