"""Exercise 7.1, the course's first loop: no `if not data: break`.

Once the client has closed, recv returns b'' at once, for ever: the
server spins, sending b'' back, and never closes or accepts again.
"""
import socket
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
        conn.send(data.upper())
    conn.close()
