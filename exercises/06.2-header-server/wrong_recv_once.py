"""Exercise 6.2, the mistake: the body in one recv(total_size).

recv(20000) returns the piece that has arrived, not 20000 bytes.
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
    try:
        while True:
            prefix = recv_exactly(conn, 4)
            if prefix is None:
                break
            header = json.loads(recv_exactly(conn, struct.unpack('i', prefix)[0]))
            body = conn.recv(header['total_size']) if header['total_size'] else b''
            if header['total_size'] and not body:
                break
            reply = json.dumps({'total_size': len(body)}).encode('utf-8')
            conn.sendall(struct.pack('i', len(reply)) + reply + body)
    except (ValueError, TypeError, struct.error):
        pass  # out of step with the stream now: drop this client
    conn.close()
