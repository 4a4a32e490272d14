"""Lab 17 (remote-command), the course's remote command client: sends each
command with one send, reads the reply in lab 6's header-dictionary format:
struct 'i' length, JSON header, total_size bytes of body.

Usage: python3 lab17_client.py PORT
"""
import json
import socket
import struct
import sys

COMMANDS = ['echo hi', 'seq 1 5', 'ls', 'false', 'rm -rf /']


def recv_exactly(conn, n):
    """The course's receive loop, fixed: never past the message, and EOF
    in the middle is an error (lab 6)."""
    data = b''
    while len(data) < n:
        chunk = conn.recv(min(n - len(data), 1024))
        if not chunk:
            raise EOFError('EOF after %d of %d bytes' % (len(data), n))
        data += chunk
    return data


client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
for cmd in COMMANDS:
    client.send(cmd.encode('utf-8'))
    header_size = struct.unpack('i', recv_exactly(client, 4))[0]
    header_bytes = recv_exactly(client, header_size)
    header = json.loads(header_bytes.decode('utf-8'))
    body = recv_exactly(client, header['total_size'])
    print('command:', cmd)
    print('header:', header_bytes.decode('utf-8'))
    print('body:', body)
client.close()
