"""Lab 16 (file-transfer), the course's put server, with its two holes
closed: the command is looked up in a dict of the commands it has (the
course's getattr(self, cmd) calls any method a client names), and the file
name must be a plain name (the course's normpath(join(folder, name)) lets
'../x' out). Files go to a temporary folder, removed at the end.

Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import hashlib
import json
import os
import socket
import struct
import tempfile


def put(conn, folder, header):
    name = header['filename']
    if os.path.basename(name) != name or name.startswith('.'):
        raise ValueError('unsafe file name %r' % name)
    filesize = header.get('filesize', header.get('file_size'))
    digest = hashlib.sha256()
    received = 0
    with open(os.path.join(folder, name), 'wb') as f:
        while received < filesize:
            data = conn.recv(min(1024, filesize - received))
            if not data:
                raise EOFError('EOF after %d of %d bytes' % (received, filesize))
            f.write(data)
            digest.update(data)
            received += len(data)
    print('stored', name, received, digest.hexdigest(), flush=True)


COMMANDS = {'put': put}

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

with tempfile.TemporaryDirectory() as folder:
    conn, client_addr = server.accept()
    conn.settimeout(5)
    while True:
        obj = conn.recv(4)
        if not obj:
            break
        header_size = struct.unpack('i', obj)[0]
        header = json.loads(conn.recv(header_size).decode('utf-8'))
        COMMANDS[header['cmd']](conn, folder, header)
    conn.close()
server.close()
