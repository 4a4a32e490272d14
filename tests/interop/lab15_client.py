"""Lab 15 (hmac-auth), the course's HMAC client: reads the 32-byte
challenge, answers with the HMAC of it under the shared key, prints the
server's verdict.

Usage: python3 lab15_client.py PORT [KEY]   (KEY: to try a wrong one)
"""
import hashlib
import hmac
import socket
import sys

secret_key = b'peace and love'
if len(sys.argv) > 2:
    secret_key = sys.argv[2].encode('utf-8')


def recv_exactly(conn, n):
    """The course reads the challenge with one recv(32); a loop reads all
    32 bytes however the stream cuts them (lab 2)."""
    data = b''
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError('EOF after %d of %d bytes' % (len(data), n))
        data += chunk
    return data


client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
challenge = recv_exactly(client, 32)
# The course: hmac.new(secret_key, msg), MD5 before Python 3.8; socklab
# uses SHA-256.
digest = hmac.new(secret_key, challenge, hashlib.sha256).digest()
client.sendall(digest)
verdict = b''
while True:
    data = client.recv(1024)
    if not data:
        break
    verdict += data
client.close()
print('challenge:', challenge.hex())
print('answer:', digest.hex())
print('verdict:', verdict)
