"""Exercise 1.2, the course's first server: recv(1024) and hope.

The four messages arrive stuck together; one recv(1024) returns all of
them, lengths included, and the server answers them as one message.
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
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.send(struct.pack('i', len(data)) + data)
    conn.close()
