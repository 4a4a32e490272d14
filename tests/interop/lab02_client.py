"""Lab 2 (partial-recv), the course's remote-shell client: one recv(1024)
per command, whatever the reply's length.

Usage: python3 lab02_client.py PORT
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
for cmd in ['seq 1 500', 'echo hi']:
    client.send(cmd.encode('utf-8'))
    data = client.recv(1024)
    # The course prints data.decode('utf-8'); the length and both ends
    # show the same thing in three lines.
    print(len(data), data[:8], data[-8:])
client.close()
