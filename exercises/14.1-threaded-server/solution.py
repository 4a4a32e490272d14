"""Exercise 14.1: an echo server that serves every client at once.

Usage: python3 solution.py HOST PORT (socklab check 14.1 adds them)
"""
import socket
import sys
import threading


def serve(conn):
    while True:
        try:
            data = conn.recv(1024)
        except ConnectionError:
            break
        if not data:
            break
        conn.send(data.upper())
    conn.close()


host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    # A thread per client: accept is called again at once.
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
