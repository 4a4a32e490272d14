"""Exercise 17.1, the mistake: the output in one recv(total_size).

The 40000-byte output comes in pieces: one recv returns the first, and
the rest is taken for the next reply's header.
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
            raise ConnectionError('the server closed mid-reply')
        data += chunk
    return data


host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
try:
    for cmd in [b'cls', b'ipconfig', b'tasklist']:
        client.send(cmd)
        header_len = struct.unpack('i', recv_exactly(client, 4))[0]
        header = json.loads(recv_exactly(client, header_len).decode('utf-8'))
        output = client.recv(header['total_size']) if header['total_size'] else b''
        client.sendall(struct.pack('i', len(output)) + output)
except (ValueError, struct.error, ConnectionError):
    pass  # out of step with the stream now
client.close()
