"""Exercise 15.2, the mistake: md5(key + challenge), which is not an HMAC.

Right length, wrong bytes: the server closes without a word.
"""
import hashlib
import socket
import sys

SECRET_KEY = b'peace and love'

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)
client.connect((host, port))
data = b''
while len(data) < 32:
    data += client.recv(32 - len(data))
client.sendall(hashlib.md5(SECRET_KEY + data).digest())
try:
    client.sendall(b'hello')
    print(client.recv(1024))
except (socket.timeout, ConnectionError):
    print('no answer')
client.close()
