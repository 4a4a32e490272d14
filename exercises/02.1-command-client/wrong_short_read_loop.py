"""Exercise 2.1, the course's loop: keep reading while recv returns 1024.

It stops at the first recv that returns less, which is not the end of
the reply when the reply arrives in pieces. (It also skips the length.)
"""
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
for cmd in [b'dir', b'ipconfig', b'tasklist']:
    client.send(cmd)
    client.recv(4)  # the length, read and ignored
    data = b''
    while True:
        chunk = client.recv(1024)
        data += chunk
        if len(chunk) < 1024:
            break
    client.sendall(struct.pack('i', len(data)) + data)
client.close()
