"""Exercise 15.3, the course's digest on the server: HMAC-MD5.

It reads 16 bytes for the answer and compares them with an MD5 HMAC: a
client that speaks SHA-256, as the task says, never gets in.
"""
import hmac
import os
import socket
import sys

SECRET_KEY = b'peace and love'

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    challenge = os.urandom(32)
    conn.sendall(challenge)
    digest = hmac.new(SECRET_KEY, challenge, 'md5').digest()
    response = conn.recv(len(digest))
    if hmac.compare_digest(response, digest):
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data.upper())
    conn.close()
