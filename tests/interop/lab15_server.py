"""Lab 15 (hmac-auth), an HMAC server as the course writes one: 32 random
bytes out, exactly len(digest) bytes in, no verdict sent. An accepted
client gets each message back upper-cased; a rejected one is closed.

Usage: python3 lab15_server.py [KEY] [DIGEST] [VARIANT]
DIGEST is md5 or sha256. VARIANT is how the course's servers compare and
turn a client away: `compare` (hmac.compare_digest, then close; the
default), `ne` (!=, then close), `fail-text` (sends 'verification fail'
and keeps the connection open), `mute` (reads the answer, then says and
does nothing until the client leaves).
Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import hmac
import os
import socket
import sys

secret_key = (sys.argv[1] if len(sys.argv) > 1 else 'peace and love').encode('utf-8')
digestmod = sys.argv[2] if len(sys.argv) > 2 else 'sha256'
variant = sys.argv[3] if len(sys.argv) > 3 else 'compare'

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

conn, client_addr = server.accept()
conn.settimeout(10)
msg = os.urandom(32)
conn.sendall(msg)
digest = hmac.new(secret_key, msg, digestmod).digest()
response = conn.recv(len(digest))
if variant == 'ne':
    accepted = response == digest
else:
    accepted = hmac.compare_digest(response, digest)
print('challenge:', msg.hex())
print('answer:', response.hex(), 'accepted' if accepted else 'rejected', flush=True)
if accepted:
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.send(data.upper())
elif variant == 'fail-text':
    conn.send('verification fail'.encode('utf-8'))
    conn.recv(1024)
elif variant == 'mute':
    while conn.recv(1024):
        pass
conn.close()
server.close()
