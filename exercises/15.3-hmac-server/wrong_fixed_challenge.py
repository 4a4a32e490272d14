"""Exercise 15.3, the mistake: the same challenge for every client.

Anyone who once saw a right answer can replay it for ever.
"""
import hmac
import socket
import sys

SECRET_KEY = b'peace and love'
CHALLENGE = b'0123456789abcdef0123456789abcdef'


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
    conn.sendall(CHALLENGE)
    digest = hmac.new(SECRET_KEY, CHALLENGE, 'sha256').digest()
    response = recv_exactly(conn, len(digest))
    if response is not None and hmac.compare_digest(response, digest):
        while True:
            try:
                data = conn.recv(1024)
            except ConnectionError:
                break
            if not data:
                break
            conn.sendall(data.upper())
    conn.close()
