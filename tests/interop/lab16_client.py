"""Lab 16 (file-transfer), the course's put client: struct.pack('i',
len(header)), the JSON header {'cmd': 'put', 'filename', 'filesize'}, then
the file, line by line.

Usage: python3 lab16_client.py PORT FILE [SIZE_FIELD]   (filesize or file_size)
"""
import hashlib
import json
import os
import socket
import struct
import sys

path = sys.argv[2]
size_field = sys.argv[3] if len(sys.argv) > 3 else 'filesize'

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
header = {'cmd': 'put', 'filename': os.path.basename(path),
          size_field: os.path.getsize(path)}
header_bytes = json.dumps(header).encode('utf-8')
client.send(struct.pack('i', len(header_bytes)))
client.send(header_bytes)
digest = hashlib.sha256()
with open(path, 'rb') as f:  # 'rb': a file is bytes, never decoded
    for line in f:
        client.sendall(line)
        digest.update(line)
client.close()
print('sent', os.path.basename(path), os.path.getsize(path), digest.hexdigest())
