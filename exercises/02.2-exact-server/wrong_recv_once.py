"""Exercise 2.2, the mistake: one recv(size) taken for the whole body.

recv(100000) returns what has arrived so far, not 100000 bytes.
"""
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    size = struct.unpack('i', conn.recv(4))[0]
    body = conn.recv(size)
    conn.sendall(struct.pack('i', len(body)))
    conn.close()
