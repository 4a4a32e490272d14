"""Exercise 7.2, the mistake: one recv(1024), then close.

2000-odd bytes of the answer are still unread at close(): the kernel
resets the connection (RST) instead of closing it.
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
client.sendall(b'count the bytes')
client.shutdown(socket.SHUT_WR)
data = client.recv(1024)
print(len(data), 'bytes')
client.close()
