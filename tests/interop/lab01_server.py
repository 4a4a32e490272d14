"""Lab 1 (nagle-sticky), the course's server: a late reader.

Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import socket
import time

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

conn, client_addr = server.accept()
conn.settimeout(5)
# The receiver is late: let the client's 18 bytes pile up first. MSG_PEEK
# looks at the queue without taking anything. (Not MSG_WAITALL: with a
# timeout set, Python's socket is non-blocking inside, and WAITALL is
# ignored.)
deadline = time.monotonic() + 5
while len(conn.recv(18, socket.MSG_PEEK)) < 18 and time.monotonic() < deadline:
    time.sleep(0.01)
for size in (5, 5, 10, 5):
    data = conn.recv(size)
    print('recv(%d):' % size, data)
conn.close()
server.close()
