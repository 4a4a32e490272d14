"""Exercise 15.2: the course's HMAC-MD5 client, a real HMAC.

Usage: python3 solution.py HOST PORT (socklab check 15.2 adds them)
"""
import hmac
import socket
import sys

SECRET_KEY = b'peace and love'


def recv_exactly(conn, size):
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError('the server closed')
        data += chunk
    return data


host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
challenge = recv_exactly(client, 32)
client.sendall(hmac.new(SECRET_KEY, challenge, 'md5').digest())
client.sendall(b'hello')
print(recv_exactly(client, 5))
client.close()
