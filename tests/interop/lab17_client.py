"""Lab 17 (remote-command), the course's remote command client: one send
per command, then recv(4) for the length and a recv(1024) loop until the
size is reached. SHAPE says which of the course's replies it expects:
total_size or data_size (a JSON header with the size, read with one recv),
or length-prefix (no JSON: the length is the output's).

Usage: python3 lab17_client.py PORT [SHAPE]
"""
import json
import socket
import struct
import sys

shape = sys.argv[2] if len(sys.argv) > 2 else 'total_size'
COMMANDS = ['echo hi', 'seq 1 500', 'ls no-such-file', 'false']

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
for cmd in COMMANDS:
    client.send(cmd.encode('utf-8'))
    length = struct.unpack('i', client.recv(4))[0]
    if shape == 'length-prefix':
        size = length
    else:
        header = json.loads(client.recv(length).decode('utf-8'))
        size = header[shape]
    recv_size = 0
    res = b''
    while recv_size < size:
        data = client.recv(1024)
        recv_size += len(data)
        res += data
    print('command:', cmd, 'size:', size, 'body:', res)
client.close()
