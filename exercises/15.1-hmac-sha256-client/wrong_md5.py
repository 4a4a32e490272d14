"""Exercise 15.1, the course's digest: HMAC-MD5, 16 bytes.

The course's hmac.new(key, msg) meant MD5. A SHA-256 server reads 32
bytes for the answer: it gets the 16-byte MD5 answer and b'hello', and
waits for the rest.
"""
import hmac
import socket
import sys

SECRET_KEY = b'peace and love'

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)
client.connect((host, port))
challenge = client.recv(32)
client.sendall(hmac.new(SECRET_KEY, challenge, 'md5').digest())
client.sendall(b'hello')
try:
    print(client.recv(1024))
except (socket.timeout, ConnectionError):
    print('no answer')
client.close()
