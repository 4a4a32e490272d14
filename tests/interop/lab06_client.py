"""Lab 6 (framing), the course's header-dictionary client: per message,
struct.pack('i', len(header)), the JSON header, the body.

Usage: python3 lab06_client.py PORT
"""
import json
import socket
import struct
import sys


def send_message(s, filename, body):
    header = {'filename': filename, 'total_size': len(body)}
    header_bytes = json.dumps(header).encode('utf-8')
    s.send(struct.pack('i', len(header_bytes)))
    s.send(header_bytes)
    # sendall, not the course's send: with a timeout set, send may write
    # only part of a large body (lab 8).
    s.sendall(body)


client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
send_message(client, 'a.txt', b'hello')
send_message(client, 'empty.txt', b'')
send_message(client, 'digits.txt', b'0123456789' * 10000)
client.close()
print('sent 3 messages')
