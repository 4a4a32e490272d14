"""Exercise 7.1: an echo server that notices its client left.

Usage: python3 solution.py HOST PORT (socklab check 7.1 adds them)
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
        except ConnectionResetError:  # the client closed with bytes unread
            break
        if not data:  # b'': the client has closed its side
            break
        conn.send(data.upper())
    conn.close()
