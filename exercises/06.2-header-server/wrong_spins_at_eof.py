"""Exercise 6.2, the course's loop: `while recv_size < total_size`.

When the client closes mid-body, recv returns b'' at once, for ever: the
loop never ends and the connection is never closed.
"""
import json
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
    while True:
        prefix = recv_exactly(conn, 4)
        if prefix is None:
            break
        header = json.loads(recv_exactly(conn, struct.unpack('i', prefix)[0]))
        total_size = header['total_size']
        recv_size = 0
        body = b''
        while recv_size < total_size:
            data = conn.recv(1024)
            recv_size += len(data)
            body += data
        reply = json.dumps({'total_size': len(body)}).encode('utf-8')
        conn.sendall(struct.pack('i', len(reply)) + reply + body)
    conn.close()
