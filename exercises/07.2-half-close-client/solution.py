"""Exercise 7.2: say "done" with shutdown, then read the whole answer.

Usage: python3 solution.py HOST PORT (socklab check 7.2 adds them)
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
client.shutdown(socket.SHUT_WR)  # FIN: no more from this side
length = struct.unpack('i', recv_exactly(client, 4))[0]
answer = recv_exactly(client, length)
print(len(answer), 'bytes')
client.close()
