"""Exercise 7.2, the mistake: no shutdown, so the server never hears "done".

The request has no end the server can see: it waits for more while the
client waits for the answer.
"""
import socket
import struct
import sys


def recv_exactly(conn, size):
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError('the server closed mid-answer')
        data += chunk
    return data


host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
client.sendall(b'count the bytes')
length = struct.unpack('i', recv_exactly(client, 4))[0]
answer = recv_exactly(client, length)
print(len(answer), 'bytes')
client.close()
