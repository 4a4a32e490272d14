"""Servers that do not speak the lab's protocol, for the clients' exit
status 1: `echo` answers every recv(1024) with data.upper() (the course's
communication loop), `early` reads once and closes with bytes unread (the
kernel then sends RST), `mute` reads everything and does not close until
the client must have given up (after socklab connect's 5 s timeout).

Usage: python3 other_server.py echo|early|mute
Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import socket
import sys
import time

mode = sys.argv[1]
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

conn, client_addr = server.accept()
conn.settimeout(10)
if mode == 'early':
    conn.recv(1024)
else:
    while True:
        data = conn.recv(1024)
        if not data:
            break
        if mode == 'echo':
            conn.send(data.upper())
    if mode == 'mute':
        # Nothing more will come that this server could wait for: the
        # client's FIN is in. Outlast the client's 5 s timeout.
        time.sleep(7)
conn.close()
server.close()
