"""Exercise 6.1, the mistake: the body in one recv(total_size).

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
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
try:
    while True:
        prefix = recv_exactly(client, 4)
        if prefix is None:
            break
        header = json.loads(recv_exactly(client, struct.unpack('i', prefix)[0]))
        body = client.recv(header['total_size']) if header['total_size'] else b''
        if header['total_size'] and not body:
            break
        reply = json.dumps({'total_size': len(body)}).encode('utf-8')
        client.sendall(struct.pack('i', len(reply)) + reply + body)
except (ValueError, TypeError, struct.error):
    pass  # out of step with the stream now: give up
client.close()
