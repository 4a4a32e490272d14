"""Exercise 6.1, the course's loop: `while recv_size < total_size`.

When the server closes mid-body, recv returns b'' at once, for ever: the
loop never ends and the client never closes.
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
while True:
    prefix = recv_exactly(client, 4)
    if prefix is None:
        break
    header = json.loads(recv_exactly(client, struct.unpack('i', prefix)[0]))
    total_size = header['total_size']
    recv_size = 0
    body = b''
    while recv_size < total_size:
        data = client.recv(1024)
        recv_size += len(data)
        body += data
    reply = json.dumps({'total_size': len(body)}).encode('utf-8')
    client.sendall(struct.pack('i', len(reply)) + reply + body)
client.close()
