"""Lab 6 (framing), the course's header-dictionary server.

Prints `listening on 127.0.0.1:PORT (tcp)`, reads messages from one client
until it closes, exits.
"""
import json
import socket
import struct


def recv_exactly(conn, n):
    """The course's receive loop, fixed: it never reads past the message
    (the next message's bytes may already be queued), and EOF in the middle
    is an error, not a short message."""
    data = b''
    while len(data) < n:
        chunk = conn.recv(min(n - len(data), 1024))
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
number = 0
while True:
    obj = conn.recv(4)
    if not obj:
        break
    obj += recv_exactly(conn, 4 - len(obj))
    number += 1
    header_size = struct.unpack('i', obj)[0]
    header_bytes = recv_exactly(conn, header_size)
    header = json.loads(header_bytes.decode('utf-8'))
    body = recv_exactly(conn, header['total_size'])
    print('message %d: prefix' % number, obj, '=', header_size)
    print('message %d: header' % number, header_bytes)
    print('message %d: body' % number, len(body), 'bytes', body[:16], body[-8:])
conn.close()
server.close()
