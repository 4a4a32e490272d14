"""Exercise 6.1: a header-dictionary client that survives what TCP does.

Usage: python3 solution.py HOST PORT (socklab check 6.1 adds them)
"""
import json
import socket
import struct
import sys


def recv_exactly(conn, size):
    """size bytes, or None if the peer closed before all of them came."""
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def send_message(conn, header, body):
    header['total_size'] = len(body)
    header_bytes = json.dumps(header).encode('utf-8')
    conn.sendall(struct.pack('i', len(header_bytes)) + header_bytes + body)


host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
while True:
    prefix = recv_exactly(client, 4)
    if prefix is None:
        break
    header_bytes = recv_exactly(client, struct.unpack('i', prefix)[0])
    if header_bytes is None:
        break
    header = json.loads(header_bytes.decode('utf-8'))
    body = recv_exactly(client, header['total_size'])
    if body is None:  # the server gave up mid-message: nothing to answer
        break
    send_message(client, {'file_name': header.get('file_name')}, body)
client.close()
