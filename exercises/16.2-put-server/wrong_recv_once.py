"""Exercise 16.2, the mistake: the file in one recv(filesize).

recv returns the piece that has arrived: the saved file is a quarter of
the upload, and the rest is read as if it were the next header.
"""
import json
import os
import socket
import struct
import sys


def recv_exactly(conn, size):
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
    try:
        while True:
            prefix = recv_exactly(conn, 4)
            if prefix is None:
                break
            header = json.loads(recv_exactly(conn, struct.unpack('i', prefix)[0]))
            data = conn.recv(header['filesize'])
            name = os.path.basename(header['filename'])
            with open(os.path.join(os.environ['SOCKLAB_DIR'], name), 'wb') as f:
                f.write(data)
    except (ValueError, TypeError, struct.error):
        pass  # out of step with the stream: drop this client
    conn.close()
