"""Lab 15 (hmac-auth), an HMAC client as the course writes one: the
32-byte challenge, hmac.new(key, challenge, digest) back, and straight into
the communication loop, since the server sends no verdict: one message,
and what comes back (b'' when the server closed on us).

Usage: python3 lab15_client.py PORT [KEY] [DIGEST] [wait]
DIGEST: md5 or sha256. With `wait` the client sends no message and only
waits to see what the server does (as a course client waiting for its
user's input).
"""
import hmac
import socket
import sys

secret_key = (sys.argv[2] if len(sys.argv) > 2 else 'peace and love').encode('utf-8')
digestmod = sys.argv[3] if len(sys.argv) > 3 else 'sha256'
wait = len(sys.argv) > 4 and sys.argv[4] == 'wait'

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
msg = client.recv(32)
digest = hmac.new(secret_key, msg, digestmod).digest()
client.sendall(digest)
print('challenge:', msg.hex())
print('answer:', digest.hex())
try:
    if not wait:
        client.send(b'hello')
    data = client.recv(1024)
except (ConnectionResetError, BrokenPipeError):
    data = b''
print('reply:', data)
client.close()
