"""Lab 6 (framing), the course's header-dictionary server: recv(4) for the
length, one recv for the header, then the body, message after message,
until the client closes. It sends nothing back.

Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import json
import socket
import struct

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
    number += 1
    header_size = struct.unpack('i', obj)[0]
    header_bytes = conn.recv(header_size)
    header = json.loads(header_bytes.decode('utf-8'))
    total_size = header['total_size']
    body = b''
    while len(body) < total_size:
        # Not past this message: the next one may be queued behind it.
        data = conn.recv(min(1024, total_size - len(body)))
        if not data:
            raise EOFError('EOF inside message %d' % number)
        body += data
    print('message %d: prefix' % number, obj, '=', header_size)
    print('message %d: header' % number, header_bytes)
    print('message %d: body' % number, len(body), 'bytes', body[:16], body[-8:])
conn.close()
server.close()
