"""Exercise 16.1: a put client whose file arrives with a matching digest.

Usage: python3 solution.py HOST PORT (socklab check 16.1 adds them and
sets SOCKLAB_DIR, the folder of the file to upload)
"""
import json
import os
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
path = os.path.join(os.environ['SOCKLAB_DIR'], 'upload.txt')
with open(path, 'rb') as f:  # bytes: the size is what goes on the wire
    data = f.read()
header = {'cmd': 'put', 'filename': os.path.basename(path), 'filesize': len(data)}
header_bytes = json.dumps(header).encode('utf-8')
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
client.sendall(struct.pack('i', len(header_bytes)))
client.sendall(header_bytes)
client.sendall(data)
client.close()
