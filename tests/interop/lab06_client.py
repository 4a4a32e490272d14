"""Lab 6 (framing), a header-dictionary client as the course writes one:
per message struct.pack('i', len(header)), the JSON header, the body.

Usage: python3 lab06_client.py PORT [SIZE_FIELD]
SIZE_FIELD is the header's name for the body size: total_size (the
default), data_size, filesize or file_size, as the course's programs vary.
"""
import json
import socket
import struct
import sys

size_field = sys.argv[2] if len(sys.argv) > 2 else 'total_size'


def send_message(s, filename, body):
    header = {'filename': filename, size_field: len(body)}
    header_bytes = json.dumps(header).encode('utf-8')
    s.send(struct.pack('i', len(header_bytes)))
    s.send(header_bytes)
    # sendall, not send: with a timeout set, send may write only part of a
    # large body (lab 8).
    s.sendall(body)


client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
send_message(client, 'a.txt', b'hello')
send_message(client, 'empty.txt', b'')
send_message(client, 'digits.txt', b'0123456789' * 10000)
client.close()
print('sent 3 messages')
