"""Exercise 2.1: a remote-command client that reads each reply whole.

Usage: python3 solution.py HOST PORT (socklab check 2.1 adds them)
"""
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
for cmd in [b'dir', b'ipconfig', b'tasklist']:
    client.send(cmd)
    length = struct.unpack('i', recv_exactly(client, 4))[0]
    output = recv_exactly(client, length)
    print(output.decode('utf-8'), end='')
    # What this client would show, back to socklab.
    client.sendall(struct.pack('i', len(output)) + output)
client.close()
