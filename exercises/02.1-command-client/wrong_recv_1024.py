"""Exercise 2.1, the course's first client: one recv(1024) per command.

Reply 1 is 3000 bytes: this client shows part of it, and the rest turns
up as the start of the next command's output.
"""
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
for cmd in [b'dir', b'ipconfig', b'tasklist']:
    client.send(cmd)
    data = client.recv(1024)
    client.sendall(struct.pack('i', len(data)) + data)
client.close()
