"""Exercise 16.2: a put server that stores every byte of the upload.

Usage: python3 solution.py HOST PORT (socklab check 16.2 adds them and
sets SOCKLAB_DIR, the folder to save into)
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


def put(conn, header):
    name = os.path.basename(header['filename'])  # a name, never a path
    left = header['filesize']
    with open(os.path.join(os.environ['SOCKLAB_DIR'], name), 'wb') as f:
        while left > 0:
            chunk = conn.recv(min(1024, left))
            if not chunk:
                break
            f.write(chunk)
            left -= len(chunk)


host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    while True:
        prefix = recv_exactly(conn, 4)
        if prefix is None:
            break
        header_bytes = recv_exactly(conn, struct.unpack('i', prefix)[0])
        if header_bytes is None:
            break
        header = json.loads(header_bytes.decode('utf-8'))
        if header.get('cmd') == 'put':
            put(conn, header)
    conn.close()
