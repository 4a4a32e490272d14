"""Exercise 17.1: a client for the framed remote shell.

Usage: python3 solution.py HOST PORT (socklab check 17.1 adds them)
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
for cmd in [b'cls', b'ipconfig', b'tasklist']:
    client.send(cmd)
    header_len = struct.unpack('i', recv_exactly(client, 4))[0]
    header = json.loads(recv_exactly(client, header_len).decode('utf-8'))
    output = recv_exactly(client, header['total_size'])  # b'' for 0
    print(output.decode('utf-8'), end='')
    client.sendall(struct.pack('i', len(output)) + output)
client.close()
