"""Exercise 14.1, the course's first server: one client at a time.

While it serves the silent first client, the second waits in the listen
backlog: connected, and never answered.
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
        try:
            data = conn.recv(1024)
        except ConnectionError:
            break
        if not data:
            break
        conn.send(data.upper())
    conn.close()
